import { isIP } from 'node:net';

/**
 * Whether a URL names its host by IP literal, so that resolving it again can
 * never give another address: an attempt refused by the network policy for
 * such a URL would be refused on every retry too.
 */
export function hasFixedAddress(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) !== 0;
}

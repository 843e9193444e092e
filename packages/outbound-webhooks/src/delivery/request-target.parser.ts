/** A stored webhook URL split for sending, without re-encoding. */
export interface RequestTarget {
  /** `http(s)://host[:port]`, as undici connects to it. */
  origin: string;
  /** The host name as connected to (IPv6 without brackets). */
  hostname: string;
  /** Path and query exactly as stored; `/` when the URL has none. */
  path: string;
  protocol: 'http:' | 'https:';
}

const RAW_URL = /^(https?):\/\/([^/?#]*)([^#]*)/i;

/**
 * Splits a stored URL into origin and request target. The origin comes from
 * WHATWG parsing (so `0x7f.1` becomes `127.0.0.1`, the address really
 * connected to); the path and query are cut from the stored string itself,
 * because `new URL()` would re-encode them. Returns a reason string when
 * the URL cannot be sent.
 */
export function parseRequestTarget(url: string): RequestTarget | string {
  const match = RAW_URL.exec(url);
  if (!match) return 'the URL is not an absolute http(s) URL';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the URL cannot be parsed';
  }
  if (
    parsed.username !== '' ||
    parsed.password !== '' ||
    match[2].includes('@')
  ) {
    return 'URLs with credentials are refused';
  }
  if (parsed.hostname === '') return 'the URL has no host';
  const rest = match[3];
  const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    origin: parsed.origin,
    hostname,
    path,
    protocol: parsed.protocol as 'http:' | 'https:',
  };
}

import * as ipaddr from 'ipaddr.js';

const IPV4_CHARACTERS = /^[0-9a-fA-FxX.]+$/;

/** An IPv4 or IPv6 address as parsed by `ipaddr.js`. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses an IP literal in any spelling a URL host accepts: dotted, decimal
 * (`2130706434`), hex (`0x7f000002`), octal (`0177.0.0.2`), short (`127.2`),
 * with a trailing dot, or IPv6 with or without brackets and zone id. The
 * IPv4 spellings are normalized by the WHATWG URL parser, exactly as the
 * HTTP client will read them; returns `undefined` for anything not an IP.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const bare =
    text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  // Only digits, hex, `x` and dots can spell an IPv4 address; anything else
  // (a port, user-info, a path) must not be read past by the URL parser.
  if (!IPV4_CHARACTERS.test(bare)) return undefined;
  let hostname: string;
  try {
    hostname = new URL(`http://${bare}/`).hostname;
  } catch {
    return undefined;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(hostname)) {
    return ipaddr.IPv4.parse(hostname);
  }
  return undefined;
}

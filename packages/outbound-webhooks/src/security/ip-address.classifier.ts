import * as ipaddr from 'ipaddr.js';
import type { AddressVerdict } from './network-policy.interface';
import type { AllowedNetworkList } from './allowed-network.list';
import type { IpAddress } from './ip-address.parser';

/** Readable names of the `ipaddr.js` ranges the guard refuses. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (shared, 100.64.0.0/10) address',
  private: 'a private-network (RFC 1918) address',
  reserved: 'a reserved, benchmarking or documentation address',
  as112: 'an AS112 DNS sink address',
  amt: 'an AMT relay address',
  uniqueLocal: 'a unique-local (fc00::/7) address',
  deprecatedSiteLocal: 'a site-local (fec0::/10) address',
  discard: 'a discard-only address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
  benchmarking: 'a benchmarking address',
  as112v6: 'an AS112 DNS sink address',
  deprecatedOrchid: 'an ORCHID address',
  orchid2: 'an ORCHID address',
  droneRemoteIdProtocolEntityTags: 'a DRIP entity tag',
  segmentRouting: 'a segment-routing address',
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const METADATA_ADDRESS = '169.254.169.254';

/** The IPv4 address in the last 32 bits of an IPv6 address. */
function lastIpv4Of(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12, 16));
}

function isIpv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0);
}

function describe(range: string): string {
  return RANGE_NAMES[range] ?? `a special-purpose (${range}) address`;
}

function classifyIpv4(
  address: ipaddr.IPv4,
  allowed: AllowedNetworkList,
): AddressVerdict {
  if (allowed.containsAddress(address)) return { allowed: true };
  const range = address.range();
  if (range === 'unicast') return { allowed: true };
  const text = address.toString();
  const note = text === METADATA_ADDRESS ? ' (cloud metadata service)' : '';
  return { allowed: false, reason: `${text} is ${describe(range)}${note}` };
}

/** Embedded-IPv4 forms: the verdict is that of the IPv4 address inside. */
function classifyEmbedding(
  address: ipaddr.IPv6,
  form: string,
  allowed: AllowedNetworkList,
): AddressVerdict {
  const inner = classifyIpv4(lastIpv4Of(address), allowed);
  if (inner.allowed) return inner;
  return {
    allowed: false,
    // "127.0.0.2 is a loopback address" reads on as ", which is a ...".
    reason: `${address.toString()} is an ${form} address embedding ${inner.reason?.replace(' is ', ', which is ')}`,
  };
}

function classifyIpv6(
  address: ipaddr.IPv6,
  allowed: AllowedNetworkList,
): AddressVerdict {
  if (allowed.containsAddress(address)) return { allowed: true };
  const text = address.toString();
  const range = address.range();
  if (range === 'ipv4Mapped') {
    return classifyEmbedding(address, 'IPv4-mapped', allowed);
  }
  if (range === 'rfc6145') {
    return classifyEmbedding(address, 'IPv4-translated', allowed);
  }
  if (range === 'rfc6052' && address.match(NAT64_WELL_KNOWN)) {
    return classifyEmbedding(address, 'NAT64 (64:ff9b::/96)', allowed);
  }
  if (range === 'rfc6052') {
    return { allowed: false, reason: `${text} is a local-use NAT64 address` };
  }
  if (range !== 'unicast') {
    return { allowed: false, reason: `${text} is ${describe(range)}` };
  }
  if (isIpv4Compatible(address)) {
    return {
      allowed: false,
      reason: `${text} is a deprecated IPv4-compatible address (embeds ${lastIpv4Of(address).toString()})`,
    };
  }
  if (!address.match(GLOBAL_UNICAST_V6)) {
    return {
      allowed: false,
      reason: `${text} is not a global unicast (2000::/3) address`,
    };
  }
  return { allowed: true };
}

/**
 * The SSRF verdict on one parsed address: allowed when it is in an allowed
 * network or a public unicast address; refused with a reason otherwise.
 * IPv6 forms that carry an IPv4 address (mapped, translated, NAT64) are
 * judged by the IPv4 address inside.
 */
export function classifyIpAddress(
  address: IpAddress,
  allowed: AllowedNetworkList,
): AddressVerdict {
  return address.kind() === 'ipv4'
    ? classifyIpv4(address as ipaddr.IPv4, allowed)
    : classifyIpv6(address as ipaddr.IPv6, allowed);
}

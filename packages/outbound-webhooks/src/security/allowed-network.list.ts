import * as ipaddr from 'ipaddr.js';
import { InvalidOptionError } from '../errors/invalid-option.error';
import type { IpAddress } from './ip-address.parser';

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Lower-cases a host name and drops a trailing dot. */
export function normalizeHostName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/**
 * The `allowedNetworks` option: CIDRs (`127.0.0.0/8`, `::1/128`), single
 * addresses, or exact host names, re-allowed by the SSRF guard.
 */
export class AllowedNetworkList {
  private readonly networks: [IpAddress, number][] = [];
  private readonly hostNames = new Set<string>();

  /** Throws `InvalidOptionError` naming the entry that is neither. */
  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim();
      if (ipaddr.isValidCIDR(entry)) {
        this.networks.push(ipaddr.parseCIDR(entry));
      } else if (ipaddr.isValid(entry)) {
        const address = ipaddr.parse(entry);
        this.networks.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else if (HOST_NAME.test(normalizeHostName(entry))) {
        this.hostNames.add(normalizeHostName(entry));
      } else {
        throw new InvalidOptionError(
          'allowedNetworks',
          `${JSON.stringify(entry)} is neither a CIDR (e.g. "127.0.0.0/8", "::1/128"), an IP address nor a host name.`,
        );
      }
    }
  }

  /** Whether the address lies in one of the allowed networks. */
  containsAddress(address: IpAddress): boolean {
    return this.networks.some(([network, bits]) => {
      if (address.kind() === 'ipv4' && network.kind() === 'ipv4') {
        return (address as ipaddr.IPv4).match(network, bits);
      }
      if (address.kind() === 'ipv6' && network.kind() === 'ipv6') {
        return (address as ipaddr.IPv6).match(network, bits);
      }
      return false;
    });
  }

  /** Whether the host name was allowed by name (case-insensitive). */
  containsHostName(hostname: string): boolean {
    return this.hostNames.has(normalizeHostName(hostname));
  }
}

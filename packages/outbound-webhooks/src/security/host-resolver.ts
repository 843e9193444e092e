import { promises as dns } from 'node:dns';
import type { LookupAddress } from 'node:dns';

/**
 * Resolves a host name to every address it has. `family` 4 or 6 restricts
 * the answer; 0 means both. Tests pass their own to simulate DNS answers.
 */
export type HostResolver = (
  hostname: string,
  family: 0 | 4 | 6,
) => Promise<LookupAddress[]>;

/** The system resolver (`dns.lookup`, i.e. getaddrinfo and /etc/hosts). */
export const systemHostResolver: HostResolver = (hostname, family) =>
  dns.lookup(hostname, { all: true, family, verbatim: true });

import type { LookupFunction } from 'node:net';

/** Why an address or URL was refused, or that it was not. */
export interface AddressVerdict {
  allowed: boolean;
  /** e.g. `127.0.0.2 is a loopback address`; set when refused. */
  reason?: string;
}

/** Injection token of the `NetworkPolicy` in force (SSRF guard). */
export const WEBHOOKS_NETWORK_POLICY = Symbol('WEBHOOKS_NETWORK_POLICY');

/**
 * The SSRF guard (SPEC 9). Used at validation time (create, update, test)
 * and again at delivery time on the address actually connected to.
 */
export interface NetworkPolicy {
  /**
   * Checks a URL's syntax and rules (scheme, credentials, https-only) and
   * resolves its host, refusing it when any address is blocked. Throws
   * `UrlNotAllowedError` whose message says why.
   */
  assertUrlAllowed(url: string): Promise<void>;
  /** Checks one literal IP address (any spelling) against the policy. */
  checkAddress(address: string): AddressVerdict;
  /**
   * A `lookup` for `net.connect` / undici's `connect` options that resolves
   * a name and fails with code `EWEBHOOKBLOCKED` when the address chosen is
   * refused, so the check applies to the address connected to.
   */
  readonly lookup: LookupFunction;
}

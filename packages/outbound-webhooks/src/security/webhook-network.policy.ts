import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { BlockedAddressError } from '../errors/blocked-address.error';
import { UrlNotAllowedError } from '../errors/url-not-allowed.error';
import { AllowedNetworkList } from './allowed-network.list';
import { systemHostResolver } from './host-resolver';
import type { HostResolver } from './host-resolver';
import { classifyIpAddress } from './ip-address.classifier';
import { parseIpAddress } from './ip-address.parser';
import { WEBHOOK_URL_MAX_LENGTH } from './input-limits';
import type { AddressVerdict, NetworkPolicy } from './network-policy.interface';
import { URL_CHARACTER_HINT, findInvalidUrlCharacter } from './url-characters';

/** Settings of a `WebhookNetworkPolicy`. */
export interface WebhookNetworkPolicyOptions {
  /** CIDRs, addresses or host names re-allowed. Default none. */
  allowedNetworks?: readonly string[];
  /** Refuse `http:` URLs. Default `false`. */
  requireHttps?: boolean;
  /** Host name resolution; default the system resolver (`dns.lookup`). */
  resolver?: HostResolver;
}

const ALLOW_HINT =
  'Use a public address, or add the network to the allowedNetworks option (e.g. 127.0.0.0/8 in development).';

/** Verdicts kept per address string; the map is emptied when full. */
const VERDICT_CACHE_SIZE = 1_024;

function familyOf(options: LookupOptions | undefined): 0 | 4 | 6 {
  const family = options?.family;
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * The SSRF guard of SPEC 9. Refuses loopback, private, link-local (incl.
 * 169.254.169.254), CGNAT, reserved, documentation, benchmarking, multicast,
 * broadcast, unspecified, unique-local and every IPv6 form embedding such an
 * IPv4 address, unless `allowedNetworks` re-allows it. Used when a URL is
 * saved (`assertUrlAllowed`) and when a connection is made (`lookup`,
 * `checkAddress`), so DNS answers that change in between are caught.
 */
export class WebhookNetworkPolicy implements NetworkPolicy {
  private readonly allowed: AllowedNetworkList;
  private readonly requireHttps: boolean;
  private readonly resolver: HostResolver;
  /**
   * A verdict depends only on the address and the fixed allow list, and an
   * IP-literal webhook is checked on every attempt: parsing and classifying
   * it each time was a visible share of an attempt's CPU.
   */
  private readonly verdicts = new Map<string, AddressVerdict>();

  /** Throws `InvalidOptionError` for a malformed `allowedNetworks` entry. */
  constructor(options: WebhookNetworkPolicyOptions = {}) {
    this.allowed = new AllowedNetworkList(options.allowedNetworks ?? []);
    this.requireHttps = options.requireHttps ?? false;
    this.resolver = options.resolver ?? systemHostResolver;
  }

  /** @inheritdoc */
  checkAddress(address: string): AddressVerdict {
    const known = this.verdicts.get(address);
    if (known) return known;
    const parsed = parseIpAddress(address);
    const verdict: AddressVerdict = parsed
      ? classifyIpAddress(parsed, this.allowed)
      : { allowed: false, reason: `${address} is not an IP address` };
    if (this.verdicts.size >= VERDICT_CACHE_SIZE) this.verdicts.clear();
    this.verdicts.set(address, verdict);
    return verdict;
  }

  /** Whether a host name is re-allowed by name in `allowedNetworks`. */
  isHostNameAllowed(hostname: string): boolean {
    return this.allowed.containsHostName(hostname);
  }

  /**
   * Validates the URL (length, characters valid in an HTTP request,
   * http/https, https when required, no user-info) and its host: a literal
   * address is checked as is, a name is resolved and refused when ANY of
   * its addresses is blocked. A name that
   * does not resolve now is accepted: the connect-time check still applies.
   */
  async assertUrlAllowed(url: string): Promise<void> {
    const parsed = this.parseUrl(url);
    const host = parsed.hostname;
    if (this.allowed.containsHostName(host)) return;
    if (parseIpAddress(host)) {
      const verdict = this.checkAddress(host);
      if (!verdict.allowed) {
        throw new UrlNotAllowedError(
          `The url's host is not allowed: ${verdict.reason}.`,
          ALLOW_HINT,
        );
      }
      return;
    }
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolver(host, 0);
    } catch {
      return;
    }
    for (const { address } of addresses) {
      const verdict = this.checkAddress(address);
      if (!verdict.allowed) {
        throw new UrlNotAllowedError(
          `The url's host ${host} resolves to a blocked address: ${verdict.reason}.`,
          ALLOW_HINT,
        );
      }
    }
  }

  /** @inheritdoc */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolveAllowed(hostname, familyOf(options)).then(
      (addresses) => {
        if (options?.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  /**
   * Resolves a host name and returns its addresses, or rejects with
   * `BlockedAddressError` (code `EWEBHOOKBLOCKED`) when any is refused.
   */
  async resolveAllowed(
    hostname: string,
    family: 0 | 4 | 6 = 0,
  ): Promise<LookupAddress[]> {
    const literal = parseIpAddress(hostname);
    const addresses = literal
      ? [
          {
            address: literal.toString(),
            family: literal.kind() === 'ipv4' ? 4 : 6,
          },
        ]
      : (await this.resolver(hostname, family)).filter(
          (entry) => family === 0 || entry.family === family,
        );
    if (addresses.length === 0) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        hostname,
      });
    }
    if (!literal && this.allowed.containsHostName(hostname)) return addresses;
    for (const { address } of addresses) {
      const verdict = this.checkAddress(address);
      if (!verdict.allowed) {
        throw new BlockedAddressError(hostname, address, verdict.reason ?? '');
      }
    }
    return addresses;
  }

  private parseUrl(url: string): URL {
    if (typeof url !== 'string' || url.length === 0) {
      throw new UrlNotAllowedError(
        'The url is required.',
        'Send an absolute http or https URL.',
      );
    }
    if (url.length > WEBHOOK_URL_MAX_LENGTH) {
      throw new UrlNotAllowedError(
        `The url is ${url.length} characters long; at most ${WEBHOOK_URL_MAX_LENGTH} are accepted.`,
        'Use a shorter URL.',
      );
    }
    const invalid = findInvalidUrlCharacter(url);
    if (invalid) {
      throw new UrlNotAllowedError(
        `The url contains ${invalid.description} at position ${invalid.index + 1}, which is not valid in an HTTP request.`,
        URL_CHARACTER_HINT,
      );
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UrlNotAllowedError(
        'The url is not a valid absolute URL.',
        'Send an absolute URL such as https://example.com/webhooks.',
      );
    }
    const scheme = parsed.protocol.replace(/:$/, '');
    if (scheme !== 'http' && scheme !== 'https') {
      throw new UrlNotAllowedError(
        `The url's scheme "${scheme.slice(0, 32)}" is not allowed; only http and https are.`,
        'Use an http or https URL.',
      );
    }
    if (this.requireHttps && scheme !== 'https') {
      throw new UrlNotAllowedError(
        'The url must use https (the module is configured with requireHttps).',
        'Use an https URL.',
      );
    }
    // `http://@host` and `http://:@host` parse to an empty user name and
    // password, but still carry user-info: the raw authority tells.
    const authority = /^[a-z][a-z0-9+.-]*:[/\\]*([^/\\?#]*)/i.exec(url)?.[1];
    if (
      parsed.username !== '' ||
      parsed.password !== '' ||
      (authority ?? '').includes('@')
    ) {
      throw new UrlNotAllowedError(
        'The url must not contain credentials (user-info before "@").',
        'Remove the credentials; receivers authenticate requests by their webhook-signature header.',
      );
    }
    return parsed;
  }
}

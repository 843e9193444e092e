import { WebhooksError } from './webhooks.error';

/** The `code` of a `BlockedAddressError`, as on Node's network errors. */
export const BLOCKED_ADDRESS_ERROR_CODE = 'EWEBHOOKBLOCKED';

/**
 * The network policy refused to connect to an address (SSRF guard). Raised
 * at connect time, after DNS resolution; carries `code` `EWEBHOOKBLOCKED`
 * like Node's own socket errors so HTTP clients pass it through.
 */
export class BlockedAddressError extends WebhooksError {
  /** Always `EWEBHOOKBLOCKED`. */
  readonly code = BLOCKED_ADDRESS_ERROR_CODE;

  constructor(
    /** The host name asked for, or the literal address. */
    readonly hostname: string,
    /** The refused address. */
    readonly address: string,
    /** Why, e.g. `127.0.0.2 is a loopback address`. */
    readonly reason: string,
  ) {
    super(
      `Connection to ${hostname === address ? address : `${hostname} (${address})`} refused by the webhook network policy: ${reason}. Add its network to the allowedNetworks option if this is intended.`,
    );
  }
}

import { WebhooksError } from './webhooks.error';

/**
 * A stored webhook secret could not be decrypted: no configured key matches
 * it, or it was altered. The message names the key id, never the value.
 */
export class SecretDecryptionError extends WebhooksError {}

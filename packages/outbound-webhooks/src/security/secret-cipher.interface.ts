/** Injection token of the `SecretCipher` in force. */
export const WEBHOOKS_SECRET_CIPHER = Symbol('WEBHOOKS_SECRET_CIPHER');

/**
 * Encrypts webhook secrets at rest (AES-256-GCM) when the module has
 * `encryptionKeys`; stores them as given otherwise.
 */
export interface SecretCipher {
  /** The value to store in `webhook_webhooks.secret`. */
  encrypt(secret: string): string;
  /** The secret from a stored value, with any of the configured keys. */
  decrypt(stored: string): string;
  /**
   * Whether a stored value is already in the form `encrypt` would write now
   * (encrypted with the first key, or plain when no key is configured).
   */
  isCurrent?(stored: string): boolean;
}

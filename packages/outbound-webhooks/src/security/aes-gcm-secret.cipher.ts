import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretDecryptionError } from '../errors/secret-decryption.error';
import { parseEncryptionKeys } from './encryption-key.parser';
import type { EncryptionKey } from './encryption-key.parser';
import type { SecretCipher } from './secret-cipher.interface';

/** Prefix of every encrypted value. */
export const ENCRYPTED_SECRET_PREFIX = 'enc:v1:';

const ENCRYPTED =
  /^enc:v1:([0-9a-f]{8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

/**
 * AES-256-GCM for webhook secrets at rest. A value is stored as
 * `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url, random 12-byte IV),
 * with the first configured key; any configured key decrypts, found by its
 * id, so keys can be rotated. Without keys, secrets are stored as given and
 * read back as they are.
 */
export class AesGcmSecretCipher implements SecretCipher {
  private readonly keys: EncryptionKey[];

  /** Throws `InvalidOptionError` for a malformed key. */
  constructor(encryptionKeys: readonly string[] = []) {
    this.keys = parseEncryptionKeys(encryptionKeys);
  }

  /** Whether secrets are encrypted (at least one key is configured). */
  get enabled(): boolean {
    return this.keys.length > 0;
  }

  /** Whether a stored value is in the encrypted form. */
  static isEncrypted(stored: string): boolean {
    return ENCRYPTED.test(stored);
  }

  /** @inheritdoc */
  isCurrent(stored: string): boolean {
    const match = ENCRYPTED.exec(stored);
    if (this.keys.length === 0) return match === null;
    return match !== null && match[1] === this.keys[0].id;
  }

  /** @inheritdoc */
  encrypt(secret: string): string {
    if (this.keys.length === 0) return secret;
    const { id, key } = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${ENCRYPTED_SECRET_PREFIX}${id}:${iv.toString('base64url')}:${tag.toString('base64url')}:${body.toString('base64url')}`;
  }

  /** @inheritdoc */
  decrypt(stored: string): string {
    const match = ENCRYPTED.exec(stored);
    if (!match) {
      if (stored.startsWith(ENCRYPTED_SECRET_PREFIX)) {
        throw new SecretDecryptionError(
          'A stored webhook secret looks encrypted but is malformed; it cannot be read. Set a new secret for that webhook.',
        );
      }
      return stored;
    }
    const [, keyId, iv, tag, body] = match;
    const candidates = this.keys.filter((entry) => entry.id === keyId);
    if (candidates.length === 0) {
      throw new SecretDecryptionError(
        `A stored webhook secret is encrypted with key ${keyId}, which is not among the configured encryptionKeys. Add that key back (after the new one) to read it.`,
      );
    }
    for (const { key } of candidates) {
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          key,
          Buffer.from(iv, 'base64url'),
        );
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // Authentication failed with this key; a colliding id may match another.
      }
    }
    throw new SecretDecryptionError(
      `A stored webhook secret failed authentication with key ${keyId}: it was altered or the key is wrong.`,
    );
  }
}

import { createHash } from 'node:crypto';
import { InvalidOptionError } from '../errors/invalid-option.error';

/** One AES-256 key of the `encryptionKeys` option and its short id. */
export interface EncryptionKey {
  /** 8 hex characters of a SHA-256 of the key; stored with each value. */
  id: string;
  key: Buffer;
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

function decodeKey(text: string): Buffer | undefined {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  if (BASE64_KEY.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

/**
 * Decodes the `encryptionKeys` option: each entry 32 bytes as 64 hex
 * characters or base64 (`openssl rand -base64 32`). Throws
 * `InvalidOptionError` naming the entry's position, never its value.
 */
export function parseEncryptionKeys(
  entries: readonly string[],
): EncryptionKey[] {
  return entries.map((entry, index) => {
    const key = decodeKey(entry.trim());
    if (!key) {
      throw new InvalidOptionError(
        'encryptionKeys',
        `entry ${index + 1} is not a 32-byte key; give 64 hex characters or the base64 of 32 random bytes (e.g. \`openssl rand -base64 32\`).`,
      );
    }
    const id = createHash('sha256')
      .update('nestjs-outbound-webhooks:key-id:')
      .update(key)
      .digest('hex')
      .slice(0, 8);
    return { id, key };
  });
}

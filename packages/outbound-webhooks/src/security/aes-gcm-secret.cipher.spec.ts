import { randomBytes } from 'node:crypto';
import { InvalidOptionError } from '../errors/invalid-option.error';
import { SecretDecryptionError } from '../errors/secret-decryption.error';
import { AesGcmSecretCipher } from './aes-gcm-secret.cipher';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('hex');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('AesGcmSecretCipher', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const cipher = new AesGcmSecretCipher([KEY_A]);
    const stored = cipher.encrypt(SECRET);
    expect(stored).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(cipher.decrypt(stored)).toBe(SECRET);
  });

  it('uses a fresh IV each time', () => {
    const cipher = new AesGcmSecretCipher([KEY_A]);
    expect(cipher.encrypt(SECRET)).not.toBe(cipher.encrypt(SECRET));
  });

  it('round-trips non-ASCII and long secrets', () => {
    const cipher = new AesGcmSecretCipher([KEY_B]);
    for (const secret of ['pässwörd-🔑-secret', 'x'.repeat(512)]) {
      expect(cipher.decrypt(cipher.encrypt(secret))).toBe(secret);
    }
  });

  it('rotates: the first key encrypts, any configured key decrypts', () => {
    const old = new AesGcmSecretCipher([KEY_A]);
    const storedWithOld = old.encrypt(SECRET);
    const rotated = new AesGcmSecretCipher([KEY_B, KEY_A]);
    expect(rotated.decrypt(storedWithOld)).toBe(SECRET);
    const storedWithNew = rotated.encrypt(SECRET);
    expect(storedWithNew.split(':')[2]).not.toBe(storedWithOld.split(':')[2]);
    expect(new AesGcmSecretCipher([KEY_B]).decrypt(storedWithNew)).toBe(SECRET);
  });

  it('names the missing key id, never the value, when no key matches', () => {
    const stored = new AesGcmSecretCipher([KEY_A]).encrypt(SECRET);
    const keyId = stored.split(':')[2];
    for (const cipher of [
      new AesGcmSecretCipher([KEY_B]),
      new AesGcmSecretCipher(),
    ]) {
      let error: unknown;
      try {
        cipher.decrypt(stored);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SecretDecryptionError);
      expect((error as Error).message).toContain(keyId);
      expect((error as Error).message).not.toContain(stored.split(':')[5]);
    }
  });

  it('refuses a tampered value', () => {
    const cipher = new AesGcmSecretCipher([KEY_A]);
    const parts = cipher.encrypt(SECRET).split(':');
    const body = Buffer.from(parts[5], 'base64url');
    body[0] ^= 1;
    parts[5] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow(/altered/);
  });

  it('stores plaintext without keys and reads plaintext back as itself', () => {
    const plain = new AesGcmSecretCipher();
    expect(plain.enabled).toBe(false);
    expect(plain.encrypt(SECRET)).toBe(SECRET);
    expect(plain.decrypt(SECRET)).toBe(SECRET);
    expect(new AesGcmSecretCipher([KEY_A]).decrypt(SECRET)).toBe(SECRET);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['hex of 31 bytes', randomBytes(31).toString('hex')],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses a key that is %s, naming the option', (_, key) => {
    let error: unknown;
    try {
      new AesGcmSecretCipher([KEY_A, key]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(/"encryptionKeys": entry 2/);
    expect((error as Error).message).not.toContain(key);
  });

  it('accepts base64url keys', () => {
    const key = randomBytes(32).toString('base64url');
    const cipher = new AesGcmSecretCipher([key]);
    expect(cipher.decrypt(cipher.encrypt(SECRET))).toBe(SECRET);
  });

  it('tells whether a value is in the form it would write now', () => {
    const old = new AesGcmSecretCipher([KEY_A]);
    const rotated = new AesGcmSecretCipher([KEY_B, KEY_A]);
    const plain = new AesGcmSecretCipher();
    const underA = old.encrypt(SECRET);
    expect(old.isCurrent(underA)).toBe(true);
    expect(rotated.isCurrent(underA)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt(SECRET))).toBe(true);
    expect(rotated.isCurrent(SECRET)).toBe(false);
    expect(plain.isCurrent(SECRET)).toBe(true);
    expect(plain.isCurrent(underA)).toBe(false);
  });
});

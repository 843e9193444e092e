import { ValidateBy } from 'class-validator';
import type { ValidationOptions } from 'class-validator';

const WHSEC_PREFIX = 'whsec_';
/** Standard base64: full quads, `=` padding only at the end. */
const STRICT_BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why a signing secret can never be verified, or `null` when it can: no
 * leading or trailing whitespace, and after `whsec_` non-empty strict
 * standard base64 (the `standardwebhooks` verifiers decode it that way).
 */
export function webhookSecretProblem(secret: unknown): string | null {
  if (typeof secret !== 'string') return null;
  if (secret.trim() !== secret) {
    return 'secret must not start or end with whitespace.';
  }
  if (!secret.startsWith(WHSEC_PREFIX)) return null;
  const encoded = secret.slice(WHSEC_PREFIX.length);
  if (encoded.length === 0 || !STRICT_BASE64.test(encoded)) {
    return 'secret starts with "whsec_" but the rest is not standard base64 (A-Z a-z 0-9 + /, "=" padding to a multiple of 4 characters), so receivers could never verify its signatures.';
  }
  return null;
}

/** The correction suggestion of a refused secret. */
export const WEBHOOK_SECRET_HINT =
  'Send "whsec_" followed by the standard base64 (not base64url) of 24 to 64 random bytes, e.g. "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", without surrounding spaces.';

/** class-validator rule: a signing secret receivers can verify. */
export function IsWebhookSecret(
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWebhookSecret',
      validator: {
        validate: (value: unknown) => webhookSecretProblem(value) === null,
        defaultMessage: (args) =>
          webhookSecretProblem(args?.value) ?? 'secret is not valid.',
      },
    },
    {
      ...options,
      context: { correctionSuggestion: WEBHOOK_SECRET_HINT },
    },
  );
}

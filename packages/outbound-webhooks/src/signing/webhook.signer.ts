import { createHmac } from 'node:crypto';

/** The three Standard Webhooks headers of one attempt. */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** What one attempt is signed with. */
export interface WebhookSignInput {
  /** The delivery uuid, identical on every attempt. */
  id: string;
  /** Unix time of this attempt, in seconds. */
  timestampSeconds: number;
  /** The exact body bytes that will be sent. */
  body: Buffer;
  /** One or more secrets in force (several during a rotation). */
  secrets: readonly string[];
}

const WHSEC_PREFIX = 'whsec_';

/**
 * Standard Webhooks v1 signer: `v1,<base64 HMAC-SHA256 of "id.ts.body">`, one
 * signature per secret, space separated. Pure: no Nest, no I/O.
 */
export class WebhookSigner {
  /**
   * The HMAC key of a secret: the decoded base64 after `whsec_`, or the
   * UTF-8 bytes of any other secret.
   */
  static keyOf(secret: string): Buffer {
    if (secret.startsWith(WHSEC_PREFIX)) {
      return Buffer.from(secret.slice(WHSEC_PREFIX.length), 'base64');
    }
    return Buffer.from(secret, 'utf8');
  }

  /** One `v1,<base64>` signature of the body with one secret. */
  static signature(
    secret: string,
    id: string,
    timestampSeconds: number,
    body: Buffer,
  ): string {
    const digest = createHmac('sha256', WebhookSigner.keyOf(secret))
      .update(`${id}.${timestampSeconds}.`, 'utf8')
      .update(body)
      .digest('base64');
    return `v1,${digest}`;
  }

  /** The headers of one attempt; duplicate secrets sign once. */
  static sign(input: WebhookSignInput): WebhookSignatureHeaders {
    const { id, timestampSeconds, body, secrets } = input;
    if (secrets.length === 0) {
      throw new TypeError('WebhookSigner.sign needs at least one secret.');
    }
    // One secret is the usual case (every attempt signs): no set, no arrays.
    const signature =
      secrets.length === 1
        ? WebhookSigner.signature(secrets[0], id, timestampSeconds, body)
        : [...new Set(secrets)]
            .map((secret) =>
              WebhookSigner.signature(secret, id, timestampSeconds, body),
            )
            .join(' ');
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': signature,
    };
  }
}

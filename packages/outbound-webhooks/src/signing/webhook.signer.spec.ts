import { Webhook } from 'standardwebhooks';
import { WebhookSigner } from './webhook.signer';

const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const BODY = Buffer.from('{"test": 2432232314}', 'utf8');

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

describe('WebhookSigner', () => {
  it('produces the same signature as the standardwebhooks reference signer', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const headers = WebhookSigner.sign({
      id: ID,
      timestampSeconds: 1614265330,
      body: BODY,
      secrets: [secret],
    });
    expect(headers['webhook-signature']).toBe(
      new Webhook(secret).sign(ID, new Date(1614265330 * 1000), BODY),
    );
    expect(headers['webhook-timestamp']).toBe('1614265330');
    expect(headers['webhook-id']).toBe(ID);
  });

  it('signs a whsec_ secret with its decoded bytes (verified by standardwebhooks)', () => {
    const secret = `whsec_${Buffer.from('k'.repeat(24)).toString('base64')}`;
    const ts = nowSeconds();
    const headers = WebhookSigner.sign({
      id: ID,
      timestampSeconds: ts,
      body: BODY,
      secrets: [secret],
    });
    expect(() =>
      new Webhook(secret).verify(BODY.toString('utf8'), { ...headers }),
    ).not.toThrow();
  });

  it('signs a plain secret with its UTF-8 bytes', () => {
    const secret = 'plain-sécret-ü';
    const headers = WebhookSigner.sign({
      id: ID,
      timestampSeconds: nowSeconds(),
      body: BODY,
      secrets: [secret],
    });
    const verifier = new Webhook(new TextEncoder().encode(secret), {
      format: 'raw',
    });
    expect(() => verifier.verify(BODY, { ...headers })).not.toThrow();
  });

  it('puts one signature per secret during a rotation, each verifiable', () => {
    const headers = WebhookSigner.sign({
      id: ID,
      timestampSeconds: nowSeconds(),
      body: BODY,
      secrets: ['new-secret-1', 'old-secret-2', 'new-secret-1'],
    });
    const parts = headers['webhook-signature'].split(' ');
    expect(parts).toHaveLength(2);
    for (const secret of ['new-secret-1', 'old-secret-2']) {
      const verifier = new Webhook(new TextEncoder().encode(secret), {
        format: 'raw',
      });
      expect(() => verifier.verify(BODY, { ...headers })).not.toThrow();
    }
  });

  it('fails verification when one byte of the body differs', () => {
    const secret = 'plain-secret';
    const headers = WebhookSigner.sign({
      id: ID,
      timestampSeconds: nowSeconds(),
      body: BODY,
      secrets: [secret],
    });
    const verifier = new Webhook(new TextEncoder().encode(secret), {
      format: 'raw',
    });
    expect(() =>
      verifier.verify('{"test": 2432232315}', { ...headers }),
    ).toThrow();
  });

  it('refuses to sign without a secret', () => {
    expect(() =>
      WebhookSigner.sign({
        id: ID,
        timestampSeconds: 1,
        body: BODY,
        secrets: [],
      }),
    ).toThrow(/at least one secret/);
  });
});

import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import {
  WEBHOOKS_SECRET_CIPHER,
  WebhookDeliveryService,
} from 'nestjs-outbound-webhooks';
import type { SecretCipher } from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import {
  FAST,
  attemptsOf,
  deliveryOf,
  insertDeliveries,
  insertWebhook,
  untilStatus,
} from './delivery-fixtures';

const WHSEC = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

describeEachDatabase('signed delivery', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await createTestApp(db, { webhooks: FAST, mountControllers: false });
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('signs a plain secret over the exact body bytes: unicode, U+2028 and "/" verify with standardwebhooks', async () => {
    const secret = 'plain-sécret-with-ü';
    const body = JSON.stringify({
      name: 'Zoë 😀 日本',
      separator: 'a\u2028b\u2029c',
      path: 'a/b</script>',
    });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/plain'),
      secret,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, [body]);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED');

    const [request] = receiver.requestsTo('/plain');
    expect(request.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(request.headers['webhook-id']).toBe(delivery.uuid);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(
      /^nestjs-outbound-webhooks\/\d/,
    );
    expect(request.headers['webhook-topic']).toBe(webhook.topic);
    expect(request.headers['webhook-attempt']).toBe('1');
    const timestamp = Number(request.headers['webhook-timestamp']);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(10);
    const verifier = new Webhook(new TextEncoder().encode(secret), {
      format: 'raw',
    });
    expect(verifier.verify(request.body, request.headers as any)).toEqual(
      JSON.parse(body),
    );
    const wrongSecret = new Webhook(new TextEncoder().encode('other-secret'), {
      format: 'raw',
    });
    expect(() =>
      wrongSecret.verify(request.body, request.headers as any),
    ).toThrow();
  });

  it('signs a whsec_ secret with its decoded bytes', async () => {
    const body = JSON.stringify({ hello: 'wörld', slash: '/' });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/whsec'),
      secret: WHSEC,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, [body]);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED');
    const [request] = receiver.requestsTo('/whsec');
    expect(
      new Webhook(WHSEC).verify(request.body.toString('utf8'), {
        ...(request.headers as Record<string, string>),
      }),
    ).toEqual(JSON.parse(body));
  });

  it('signs with both secrets while a rotation overlaps, each verifying alone', async () => {
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/rotation'),
      secret: 'new-secret-abc',
      previousSecret: WHSEC,
      previousSecretExpiresAt: Date.now() + 60_000,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED');
    const [request] = receiver.requestsTo('/rotation');
    expect(
      String(request.headers['webhook-signature']).split(' '),
    ).toHaveLength(2);
    expect(() =>
      new Webhook(WHSEC).verify(request.body, request.headers as any),
    ).not.toThrow();
    expect(() =>
      new Webhook(new TextEncoder().encode('new-secret-abc'), {
        format: 'raw',
      }).verify(request.body, request.headers as any),
    ).not.toThrow();
  });

  it('sends the path and query exactly as stored, without re-encoding', async () => {
    const path = "/exact/a%2Fb/c?name=O'Brien&slash=%2f&plus=a+b";
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(path),
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED');
    expect(receiver.requestsTo('/exact/a%2Fb/c').map((r) => r.url)).toEqual([
      path,
    ]);
  });

  it('records the attempt without the secret or signature and reuses the connection', async () => {
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/reuse'),
      secret: 'a-secret-that-must-not-leak',
    });
    receiver.respondOn('/reuse', { status: 200, body: 'thanks' });
    const before = receiver.connectionCount;
    for (let i = 0; i < 4; i++) {
      const [delivery] = await insertDeliveries(dataSource, webhook, [
        JSON.stringify({ i }),
      ]);
      await untilStatus(app, delivery.uuid, 'SUCCEEDED');
      if (i === 0) {
        const [attempt] = await attemptsOf(dataSource, delivery.uuid);
        expect(attempt).toMatchObject({
          attemptNumber: 1,
          succeeded: true,
          statusCode: 200,
          errorKind: null,
          responseBody: 'thanks',
        });
        expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
        expect(JSON.stringify(attempt)).not.toMatch(/must-not-leak|v1,/);
        const stored = await deliveryOf(dataSource, delivery.uuid);
        expect(stored).toMatchObject({ attemptCount: 1, leaseOwner: null });
        expect(stored.deliveredAt).not.toBeNull();
      }
    }
    expect(receiver.requestsTo('/reuse')).toHaveLength(4);
    expect(receiver.connectionCount - before).toBeLessThanOrEqual(1);
  });

  it('decrypts a secret stored encrypted (encryptionKeys) and signs with the plain secret', async () => {
    // Its own app (no dispatcher), sending through deliverNow: the suite's
    // app has no key and must not pick this delivery up.
    const encrypted = await createTestApp(db, {
      webhooks: {
        ...FAST,
        dispatcherEnabled: false,
        encryptionKeys: [Buffer.alloc(32, 7).toString('base64')],
      },
      mountControllers: false,
    });
    try {
      const store = encrypted.get(DataSource);
      const cipher = encrypted.get<SecretCipher>(WEBHOOKS_SECRET_CIPHER);
      const secret = 'stored-encrypted-secret';
      const webhook = await insertWebhook(store, {
        url: receiver.url('/encrypted'),
        secret: cipher.encrypt(secret),
      });
      expect(webhook.secret).not.toContain(secret);
      const [delivery] = await insertDeliveries(store, webhook, ['{"e":1}'], {
        nextAttemptAt: Date.now() + 3_600_000,
      });
      const summary = await encrypted
        .get(WebhookDeliveryService)
        .deliverNow(delivery.uuid);
      expect(summary).toMatchObject({ succeeded: true, statusCode: 200 });
      const [request] = receiver.requestsTo('/encrypted');
      expect(() =>
        new Webhook(new TextEncoder().encode(secret), {
          format: 'raw',
        }).verify(request.body, request.headers as any),
      ).not.toThrow();
    } finally {
      await encrypted.close();
    }
  });
});

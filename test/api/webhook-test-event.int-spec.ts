import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from 'nestjs-outbound-webhooks';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import { ACME, ApiTestHost, TOKENS, webhookBody } from './api-test-host';

const SECRET = 'whsec_dGVzdC1ldmVudC1zZWNyZXQtYnl0ZXMtMTIzNDU2';

describeEachDatabase('REST API: send a test event', (db) => {
  let host: ApiTestHost;
  let receiver: TestReceiver;
  let uuid: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    host = await ApiTestHost.start(db, { requestTimeoutMs: 2_000 });
    const created = await host.call('post', '/', {
      body: webhookBody({
        url: receiver.url('/hook?x=1'),
        secret: SECRET,
        webhookFormat: 'USER_FRIENDLY',
      }),
    });
    uuid = created.body.data.uuid;
  });
  afterAll(async () => {
    await host?.close();
    await receiver?.close();
  });

  it('signs and sends one request and reports the attempt', async () => {
    receiver.respondWith({ status: 200, body: 'thanks' });
    const res = await host.call('post', `/${uuid}/test`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      deliveryUuid: expect.any(String),
      attemptNumber: 1,
      deliveryStatus: 'SUCCEEDED',
      succeeded: true,
      statusCode: 200,
      responseBody: 'thanks',
      nextAttemptAt: null,
    });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request.url).toBe('/hook?x=1');
    expect(request.headers['webhook-id']).toBe(res.body.data.deliveryUuid);
    const payload = new Webhook(SECRET).verify(
      request.body.toString('utf8'),
      request.headers as Record<string, string>,
    ) as { context: { companyUuid: string } };
    expect(payload.context.companyUuid).toBe(ACME);
    expect(request.body.toString('utf8')).not.toContain(SECRET);

    const deliveries = await host.call('get', `/${uuid}/deliveries`);
    expect(deliveries.body.data[0]).toMatchObject({
      uuid: res.body.data.deliveryUuid,
      status: 'SUCCEEDED',
      attemptCount: 1,
    });
    const attempts = await host.call(
      'get',
      `/${uuid}/deliveries/${res.body.data.deliveryUuid}/attempts`,
    );
    expect(attempts.body.data).toHaveLength(1);
  });

  it('reports a failure once and never retries it', async () => {
    receiver.requests.length = 0;
    receiver.respondWith({ status: 500, body: 'boom' });
    const res = await host.call('post', `/${uuid}/test`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      succeeded: false,
      statusCode: 500,
      deliveryStatus: 'CANCELLED',
      nextAttemptAt: null,
    });
    const row = await host.app
      .get(DataSource)
      .getRepository(WebhookDeliveryEntity)
      .findOneByOrFail({ uuid: res.body.data.deliveryUuid });
    expect(row.status).toBe('CANCELLED');
    expect(receiver.requests).toHaveLength(1);
  });

  it('cancels a failed test of a webhook without retries, so a recovery never sends it again', async () => {
    const noRetry = await host.call('post', '/', {
      body: webhookBody({
        url: receiver.url('/no-retry'),
        secret: SECRET,
        maxRetries: 0,
      }),
    });
    const noRetryUuid: string = noRetry.body.data.uuid;
    receiver.requests.length = 0;
    receiver.respondWith({ status: 302, body: '' });
    const res = await host.call('post', `/${noRetryUuid}/test`);
    expect(res.body.data).toMatchObject({
      succeeded: false,
      statusCode: 302,
      deliveryStatus: 'CANCELLED',
    });
    const recovered = await host.call('post', `/${noRetryUuid}/recover`, {
      body: { since: 0, until: Date.now() + 1_000 },
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.data).toMatchObject({ requeued: 0 });
    const row = await host.app
      .get(DataSource)
      .getRepository(WebhookDeliveryEntity)
      .findOneByOrFail({ uuid: res.body.data.deliveryUuid });
    expect(row).toMatchObject({ status: 'CANCELLED', attemptCount: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('sends a test event for the longest wildcard topic, though the filled-in topic is longer', async () => {
    const topic = `record.*.relation_updated.${'a'.repeat(229)}`;
    const created = await host.call('post', '/', {
      body: webhookBody({ url: receiver.url('/long'), secret: SECRET, topic }),
    });
    expect(created.status).toBe(200);
    receiver.respondOn('/long', { status: 200 });
    const res = await host.call('post', `/${created.body.data.uuid}/test`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ succeeded: true, statusCode: 200 });
    const sent = receiver.requests.find((r) => r.url === '/long');
    expect(sent?.headers['webhook-topic']).toBe(topic);
  });

  it('applies the URL rules at test time and sends nothing', async () => {
    receiver.requests.length = 0;
    const blocked = '00000000-0000-4000-8000-0000000000b1';
    const now = Date.now();
    await host.app.get(DataSource).getRepository(WebhookEntity).insert({
      uuid: blocked,
      companyUuid: ACME,
      url: 'http://10.20.30.40/hook',
      secret: SECRET,
      topic: 'record.candidate.created',
      webhookFormat: 'LEGACY',
      deliveryMode: 'HTTP',
      createdAt: now,
      updatedAt: now,
    });
    const res = await host.call('post', `/${blocked}/test`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      field: 'url',
      correctionSuggestion: expect.any(String),
    });
    expect(receiver.requests).toHaveLength(0);
  });

  it('caps the test events one company has in flight, and other companies are not held up', async () => {
    const globex = await host.call('post', '/', {
      token: TOKENS.globex,
      body: webhookBody({ url: receiver.url('/globex'), secret: SECRET }),
    });
    const globexUuid: string = globex.body.data.uuid;
    receiver.requests.length = 0;
    receiver.respondOn(
      '/hook',
      ...Array.from({ length: 4 }, () => ({ hang: true })),
    );
    receiver.respondOn('/globex', { status: 200 });
    const acme = Array.from({ length: 5 }, () =>
      host.call('post', `/${uuid}/test`),
    );
    await receiver.waitForRequests(4);
    const other = await host.call('post', `/${globexUuid}/test`, {
      token: TOKENS.globex,
    });
    expect(other.status).toBe(200);
    expect(other.body.data).toMatchObject({ succeeded: true, statusCode: 200 });
    const answers = await Promise.all(acme);
    const refused = answers.filter((res) => res.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0].body).toMatchObject({
      status: 429,
      errors: [
        { type: 'GENERAL', message: expect.stringMatching(/4 test events/) },
      ],
    });
    const sent = answers.filter((res) => res.status === 200);
    expect(sent.map((res) => res.body.data.errorKind)).toEqual(
      Array(4).fill('TIMEOUT'),
    );
    expect(receiver.requests.filter((r) => r.url === '/hook?x=1')).toHaveLength(
      4,
    );
  });

  it('refuses a disabled webhook and a foreign one', async () => {
    await host.call('post', `/${uuid}/disable`);
    const disabled = await host.call('post', `/${uuid}/test`);
    expect(disabled.status).toBe(400);
    await host.call('post', `/${uuid}/enable`);
    const foreign = await host.call('post', `/${uuid}/test`, {
      token: TOKENS.globex,
    });
    expect(foreign.status).toBe(404);
  });

  it('never returned the secret', () => {
    expect(host.log.containing(SECRET)).toEqual([]);
    expect(host.log.withSecretKeys()).toEqual([]);
  });
});

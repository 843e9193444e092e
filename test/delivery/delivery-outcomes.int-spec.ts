import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import {
  FAST,
  attemptsOf,
  deliveryOf,
  eventually,
  insertDeliveries,
  insertWebhook,
  untilStatus,
  webhookOf,
} from './delivery-fixtures';

const SECRET = 'outcome-secret-1';
const verifier = new Webhook(new TextEncoder().encode(SECRET), {
  format: 'raw',
});

describeEachDatabase('delivery outcomes', (db) => {
  let receiver: TestReceiver;
  let app: INestApplication | undefined;

  async function boot(options: WebhooksModuleOptions = {}) {
    app = await createTestApp(db, {
      webhooks: { ...FAST, ...options },
      mountControllers: false,
    });
    return { app, dataSource: app.get(DataSource) };
  }

  beforeEach(async () => {
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await receiver.close();
  });

  it('500, 500, 200: three attempts with one webhook-id and the same body, each signed at its own, later timestamp', async () => {
    const { app, dataSource } = await boot();
    receiver.respondWith({ status: 500 }, { status: 500 }, { status: 200 });
    // 1250 ms less 20% jitter is 1 s: every attempt lands in a later second
    // than the one before, so a timestamp reused from an earlier attempt
    // shows.
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      secret: SECRET,
      retryBackoffMs: 1_250,
      maxRetries: 5,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{"n":1}']);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED', 15_000);

    const requests = receiver.requests;
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(
      new Set([delivery.uuid]),
    );
    expect(requests.map((r) => r.headers['webhook-attempt'])).toEqual([
      '1',
      '2',
      '3',
    ]);
    for (const request of requests) {
      expect(request.body.equals(requests[0].body)).toBe(true);
    }
    expect(requests[0].body.toString('utf8')).toBe('{"n":1}');

    const timestamps = requests.map((r) =>
      Number(r.headers['webhook-timestamp']),
    );
    expect(timestamps.every(Number.isInteger)).toBe(true);
    expect(timestamps[1]).toBeGreaterThan(timestamps[0]);
    expect(timestamps[2]).toBeGreaterThan(timestamps[1]);
    requests.forEach((request, i) => {
      // Signed just before it was sent: at most a second or two earlier.
      const lagMs = request.receivedAt - timestamps[i] * 1000;
      expect(lagMs).toBeGreaterThanOrEqual(0);
      expect(lagMs).toBeLessThan(2_000);
      expect(() =>
        verifier.verify(request.body, request.headers as any),
      ).not.toThrow();
      // The signature covers this attempt's timestamp and no other.
      const other = timestamps[(i + 1) % timestamps.length];
      expect(() =>
        verifier.verify(request.body, {
          ...(request.headers as Record<string, string>),
          'webhook-timestamp': String(other),
        }),
      ).toThrow();
    });

    const attempts = await attemptsOf(dataSource, delivery.uuid);
    expect(
      attempts.map((a) => [
        a.attemptNumber,
        a.statusCode,
        a.errorKind,
        a.succeeded,
      ]),
    ).toEqual([
      [1, 500, 'HTTP_STATUS', false],
      [2, 500, 'HTTP_STATUS', false],
      [3, 200, null, true],
    ]);
    expect(await deliveryOf(dataSource, delivery.uuid)).toMatchObject({
      attemptCount: 3,
      lastStatusCode: 200,
    });
    expect((await webhookOf(dataSource, webhook.uuid)).failingSince).toBeNull();
  }, 30_000);

  it('maxRetries 0: one attempt, then FAILED and the failure clock starts', async () => {
    const { app, dataSource } = await boot();
    receiver.respondByDefault({ status: 500 });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      maxRetries: 0,
      retryBackoffMs: 0,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'FAILED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests).toHaveLength(1);
    expect(await attemptsOf(dataSource, delivery.uuid)).toHaveLength(1);
    expect((await deliveryOf(dataSource, delivery.uuid)).lastError).toMatch(
      /HTTP 500/,
    );
    expect((await webhookOf(dataSource, webhook.uuid)).failingSince).toEqual(
      expect.any(Number),
    );
  });

  it('retryEnabled false: one attempt whatever maxRetries says', async () => {
    const { app, dataSource } = await boot();
    receiver.respondByDefault({ status: 503 });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      retryEnabled: false,
      maxRetries: 5,
      retryBackoffMs: 0,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'FAILED');
    expect(receiver.requests).toHaveLength(1);
  });

  it('410 disables the webhook with a reason and cancels its scheduled retries', async () => {
    const { app, dataSource } = await boot();
    receiver.respondOn('/gone', { status: 410 });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/gone'),
    });
    const [gone] = await insertDeliveries(dataSource, webhook, ['{"a":1}']);
    const [scheduled] = await insertDeliveries(
      dataSource,
      webhook,
      ['{"b":2}'],
      {
        nextAttemptAt: Date.now() + 60_000,
        attemptCount: 1,
      },
    );
    await untilStatus(app, gone.uuid, 'FAILED');
    await untilStatus(app, scheduled.uuid, 'CANCELLED');
    const disabled = await webhookOf(dataSource, webhook.uuid);
    expect(disabled.status).toBe('DISABLED');
    expect(disabled.disabledReason).toMatch(/410/);
    expect(receiver.requests).toHaveLength(1);
    const [more] = await insertDeliveries(dataSource, webhook, ['{"c":3}']);
    await untilStatus(app, more.uuid, 'CANCELLED');
    expect(receiver.requests).toHaveLength(1);
  });

  it('302 is a failure and the redirect target is never contacted', async () => {
    const { app, dataSource } = await boot();
    receiver.respondOn('/moved', {
      status: 302,
      location: receiver.url('/target'),
    });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/moved'),
      maxRetries: 0,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'FAILED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requestsTo('/target')).toHaveLength(0);
    const [attempt] = await attemptsOf(dataSource, delivery.uuid);
    expect(attempt).toMatchObject({
      statusCode: 302,
      errorKind: 'HTTP_STATUS',
      succeeded: false,
    });
    expect(attempt.errorMessage).toMatch(/redirects are not followed/);
  });

  it('Retry-After on 503 holds the next attempt back at least that long', async () => {
    const { app, dataSource } = await boot();
    receiver.respondWith({ status: 503, retryAfter: '1' }, { status: 200 });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      retryBackoffMs: 10,
      maxRetries: 3,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED', 8_000);
    const [first, second] = receiver.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1_000);
  });

  it('Retry-After on 429 as an HTTP date is honoured too', async () => {
    const { app, dataSource } = await boot();
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1_000);
    receiver.respondWith(
      { status: 429, retryAfter: at.toUTCString() },
      { status: 204 },
    );
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      retryBackoffMs: 10,
      maxRetries: 3,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED', 8_000);
    expect(receiver.requests[1].receivedAt).toBeGreaterThanOrEqual(
      at.getTime(),
    );
  });

  it('a stalled body is cut at the timeout and the worker moves on to the next delivery', async () => {
    const { app, dataSource } = await boot({ concurrency: 1 });
    receiver.respondOn('/stall', {
      status: 200,
      body: 'partial',
      stallBody: true,
    });
    const stalling = await insertWebhook(dataSource, {
      url: receiver.url('/stall'),
      retryBackoffMs: 60_000,
    });
    const healthy = await insertWebhook(dataSource, {
      url: receiver.url('/ok'),
    });
    const [stalled] = await insertDeliveries(dataSource, stalling, ['{}'], {
      nextAttemptAt: Date.now() - 1_000,
    });
    const [next] = await insertDeliveries(dataSource, healthy, ['{}']);
    await untilStatus(app, next.uuid, 'SUCCEEDED', 5_000);
    const [attempt] = await attemptsOf(dataSource, stalled.uuid);
    expect(attempt).toMatchObject({ errorKind: 'TIMEOUT', succeeded: false });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(700);
    expect(attempt.durationMs).toBeLessThan(2_000);
    const stored = await deliveryOf(dataSource, stalled.uuid);
    expect(stored.status).toBe('PENDING');
    expect(stored.nextAttemptAt).toBeGreaterThan(Date.now() + 30_000);
    // The healthy delivery waited for the one slot until the timeout freed it.
    expect(receiver.requestsTo('/ok')[0].receivedAt).toBeGreaterThanOrEqual(
      receiver.requestsTo('/stall')[0].receivedAt + 700,
    );
  });

  it('a connection error is recorded with its kind and retried', async () => {
    const { dataSource } = await boot();
    await receiver.close();
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      retryBackoffMs: 60_000,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await eventually(
      'an attempt',
      async () => (await attemptsOf(dataSource, delivery.uuid)).length === 1,
    );
    const [attempt] = await attemptsOf(dataSource, delivery.uuid);
    expect(attempt).toMatchObject({ errorKind: 'CONNECT', statusCode: null });
    expect(attempt.errorMessage).toMatch(/ECONNREFUSED/);
    expect((await deliveryOf(dataSource, delivery.uuid)).status).toBe(
      'PENDING',
    );
    receiver = await startReceiver();
  });

  it('stores the response body cut at responseBodyMaxBytes', async () => {
    const { app, dataSource } = await boot({ responseBodyMaxBytes: 10 });
    receiver.respondWith({ status: 400, body: 'é'.repeat(50) });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      maxRetries: 0,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'FAILED');
    const [attempt] = await attemptsOf(dataSource, delivery.uuid);
    expect(attempt.responseBody).toBe('é'.repeat(5));
  });

  it('stores a default-sized (64 KiB) response body on every database', async () => {
    const { app, dataSource } = await boot({ responseBodyMaxBytes: undefined });
    receiver.respondWith({ status: 500, body: 'x'.repeat(70_000) });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      maxRetries: 0,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'FAILED');
    const [attempt] = await attemptsOf(dataSource, delivery.uuid);
    expect(attempt.responseBody).toHaveLength(64 * 1024);
  });

  // Tens of MiB per run: only where a statement's size matters. MariaDB
  // (16 MiB packet) writes failures and successes in one transaction;
  // PostgreSQL's successes-only batch is split into several statements.
  const largeBatches: Array<[string, (index: number) => number]> =
    db.kind === 'mariadb'
      ? [['failures and successes', (index) => (index % 2 ? 200 : 500)]]
      : db.kind === 'postgres'
        ? [['successes only', () => 200]]
        : [];
  (largeBatches.length > 0
    ? it.each(largeBatches)
    : it.skip.each([['', () => 200]]))(
    'records every attempt when a batch of answers is larger than one statement may carry (1 MiB bodies, %s)',
    async (_, statusOf) => {
      const big = 1024 * 1024;
      // Time enough that no answer times out and no lease runs out on a
      // busy machine: only the statements' size is under test.
      const { dataSource } = await boot({
        responseBodyMaxBytes: big,
        concurrency: 32,
        requestTimeoutMs: 10_000,
        leaseMs: 30_000,
      });
      receiver.respondUsing((request) => ({
        status: statusOf(request.index),
        delayMs: 300,
        body: String(request.index % 10).repeat(big + 10),
      }));
      const webhook = await insertWebhook(dataSource, {
        url: receiver.url(),
        maxRetries: 0,
      });
      const made = await insertDeliveries(
        dataSource,
        webhook,
        Array.from({ length: 24 }, (_, n) => `{"n":${n}}`),
      );
      const finished = ['FAILED', 'SUCCEEDED'];
      await eventually(
        'every delivery finished',
        async () => {
          for (const delivery of made) {
            const { status } = await deliveryOf(dataSource, delivery.uuid);
            if (!finished.includes(status)) return false;
          }
          return true;
        },
        30_000,
      );
      expect(receiver.requests).toHaveLength(24);
      for (const delivery of made) {
        const attempts = await attemptsOf(dataSource, delivery.uuid);
        expect(attempts).toHaveLength(1);
        expect(attempts[0].responseBody).toHaveLength(big);
      }
    },
    60_000,
  );

  it('a disabled, switched-off or deleted webhook gets nothing: its deliveries are cancelled', async () => {
    const { app, dataSource } = await boot();
    const disabled = await insertWebhook(dataSource, {
      url: receiver.url(),
      status: 'DISABLED',
    });
    const off = await insertWebhook(dataSource, {
      url: receiver.url(),
      enabled: false,
    });
    const [a] = await insertDeliveries(dataSource, disabled, ['{}']);
    const [b] = await insertDeliveries(dataSource, off, ['{}']);
    const [c] = await insertDeliveries(
      dataSource,
      {
        ...off,
        uuid: '00000000-0000-4000-8000-00000000dead',
      },
      ['{}'],
    );
    for (const d of [a, b, c]) await untilStatus(app, d.uuid, 'CANCELLED');
    expect(receiver.requests).toHaveLength(0);
  });

  it('disables a webhook that kept failing for autoDisableAfterMs, cancelling its pending deliveries', async () => {
    const { app, dataSource } = await boot({ autoDisableAfterMs: 60_000 });
    receiver.respondByDefault({ status: 500 });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url(),
      failingSince: Date.now() - 61_000,
      retryBackoffMs: 60_000,
    });
    const [failing] = await insertDeliveries(dataSource, webhook, ['{}']);
    const [later] = await insertDeliveries(dataSource, webhook, ['{}'], {
      nextAttemptAt: Date.now() + 60_000,
    });
    await untilStatus(app, later.uuid, 'CANCELLED');
    const stored = await webhookOf(dataSource, webhook.uuid);
    expect(stored.status).toBe('DISABLED');
    expect(stored.disabledReason).toMatch(/Disabled automatically/);
    expect((await deliveryOf(dataSource, failing.uuid)).status).toBe(
      'CANCELLED',
    );
    expect(receiver.requests).toHaveLength(1);
  });
});

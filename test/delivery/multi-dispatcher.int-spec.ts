import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
} from 'nestjs-outbound-webhooks';
import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { startDispatcherProcess } from '../support/dispatcher-processes';
import type { DispatcherProcess } from '../support/dispatcher-processes';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import {
  attemptsOf,
  deliveryOf,
  eventually,
  insertDeliveries,
  insertWebhook,
  untilStatus,
} from './delivery-fixtures';

const DISPATCHER: WebhooksModuleOptions = {
  pollIntervalMs: 50,
  batchSize: 25,
  concurrency: 16,
  requestTimeoutMs: 1_000,
  leaseMs: 2_000,
  shutdownTimeoutMs: 2_000,
  allowedNetworks: ['127.0.0.0/8'],
};

// SQLite serves a single process, so these proofs run on the two servers.
describeEachDatabase('several dispatcher processes', (db) => {
  const serverOnly = db.kind === 'sqlite' ? it.skip : it;
  let app: INestApplication;
  let dataSource: DataSource;
  let receiver: TestReceiver;
  const processes: DispatcherProcess[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await createTestApp(db, {
      webhooks: { dispatcherEnabled: false },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  serverOnly(
    'four dispatchers, 2,000 deliveries: each succeeds exactly once and no two attempts of one delivery overlap',
    async () => {
      receiver.respondUsing((request) => ({
        status: 200,
        delayMs: request.index % 7,
      }));
      // Four processes plus this one share two cores: a generous timeout
      // keeps a CPU-starved receiver from turning into (legitimate) retries.
      const started = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          startDispatcherProcess(db.options(), {
            ...DISPATCHER,
            requestTimeoutMs: 15_000,
            leaseMs: 30_000,
            userAgentSuffix: `worker-${n}`,
          }),
        ),
      );
      processes.push(...started);
      const webhooks = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          insertWebhook(dataSource, { url: receiver.url(`/multi/${n}`) }),
        ),
      );
      // All become due together once inserted, so every process competes.
      const dueAt = Date.now() + 2_000;
      const uuids: string[] = [];
      for (const webhook of webhooks) {
        const bodies = Array.from({ length: 500 }, (_, i) =>
          JSON.stringify({ webhook: webhook.uuid, i }),
        );
        uuids.push(
          ...(
            await insertDeliveries(dataSource, webhook, bodies, {
              nextAttemptAt: dueAt,
            })
          ).map((d) => d.uuid),
        );
      }
      const deliveries = dataSource.getRepository(WebhookDeliveryEntity);
      await eventually(
        '2,000 deliveries SUCCEEDED',
        async () =>
          (await deliveries.countBy({ status: 'SUCCEEDED' })) === uuids.length,
        90_000,
      );

      const multi = receiver.requests.filter((r) =>
        r.url.startsWith('/multi/'),
      );
      expect(multi).toHaveLength(2_000);
      // No two requests of one delivery overlap (each id arrived once, and
      // every request was answered).
      expect(multi.every((r) => r.answeredAt !== null)).toBe(true);
      const byId = new Map<string, number>();
      for (const request of multi) {
        const id = String(request.headers['webhook-id']);
        byId.set(id, (byId.get(id) ?? 0) + 1);
      }
      expect(byId.size).toBe(2_000);
      expect([...byId.values()].every((count) => count === 1)).toBe(true);
      expect(new Set(byId.keys())).toEqual(new Set(uuids));
      // Every process took part.
      const agents = new Set(
        multi.map((r) => String(r.headers['user-agent']).split(' ').pop()),
      );
      expect(agents).toEqual(
        new Set(['worker-1', 'worker-2', 'worker-3', 'worker-4']),
      );
      const attempts = dataSource.getRepository(WebhookAttemptEntity);
      expect(await attempts.count()).toBe(2_000);
      expect(await deliveries.countBy({ attemptCount: 1 })).toBe(2_000);
    },
    120_000,
  );

  serverOnly(
    'a dispatcher killed with SIGKILL mid-request: another one retries after the lease and the delivery ends delivered',
    async () => {
      receiver.respondOn('/killed', { hang: true }, { status: 200 });
      // Two dispatchers; whichever sends first is killed mid-request, the
      // other one must take the delivery over once the lease has run out.
      const pair = await Promise.all(
        ['a', 'b'].map((name) =>
          startDispatcherProcess(db.options(), {
            ...DISPATCHER,
            userAgentSuffix: `worker-${name}`,
          }),
        ),
      );
      processes.push(...pair);
      const webhook = await insertWebhook(dataSource, {
        url: receiver.url('/killed'),
      });
      const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
      await eventually(
        'the first request',
        async () => receiver.requestsTo('/killed').length === 1,
      );
      const sender = String(
        receiver.requestsTo('/killed')[0].headers['user-agent'],
      ).endsWith('worker-a')
        ? 0
        : 1;
      await pair[sender].kill();
      const claimed = await deliveryOf(dataSource, delivery.uuid);
      expect(claimed.status).toBe('PENDING');
      expect(claimed.leaseOwner).not.toBeNull();

      await untilStatus(app, delivery.uuid, 'SUCCEEDED', 30_000);
      const [killed, retried] = receiver.requestsTo('/killed');
      expect(retried.headers['user-agent']).toMatch(
        sender === 0 ? /worker-b$/ : /worker-a$/,
      );
      expect(retried.headers['webhook-id']).toBe(delivery.uuid);
      expect(killed.headers['webhook-id']).toBe(delivery.uuid);
      // Not before the dead process's lease ran out.
      expect(retried.receivedAt).toBeGreaterThanOrEqual(
        claimed.leaseExpiresAt!,
      );
      expect(retried.receivedAt).toBeGreaterThan(killed.receivedAt);
      // The killed process never recorded its attempt; the retry did.
      const attempts = await attemptsOf(dataSource, delivery.uuid);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ succeeded: true, statusCode: 200 });
    },
    90_000,
  );
});

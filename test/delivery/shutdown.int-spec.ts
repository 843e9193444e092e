import { DataSource } from 'typeorm';
import { SchedulerRegistry } from '@nestjs/schedule';
import { WEBHOOKS_DISPATCHER_INTERVAL } from 'nestjs-outbound-webhooks';
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
} from './delivery-fixtures';

describeEachDatabase('dispatcher lifecycle', (db) => {
  let receiver: TestReceiver;

  beforeEach(async () => {
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('registers one named interval and removes it on close', async () => {
    const app = await createTestApp(db, {
      webhooks: FAST,
      mountControllers: false,
    });
    const registry = app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toEqual([WEBHOOKS_DISPATCHER_INTERVAL]);
    await app.close();
    expect(registry.getIntervals()).toEqual([]);
  });

  it('registers nothing when the dispatcher is off', async () => {
    const app = await createTestApp(db, {
      webhooks: { ...FAST, dispatcherEnabled: false },
      mountControllers: false,
    });
    expect(app.get(SchedulerRegistry).getIntervals()).toEqual([]);
    await app.close();
  });

  it('close() waits for an attempt in flight and records it', async () => {
    receiver.respondByDefault({ status: 200, delayMs: 300 });
    const app = await createTestApp(db, {
      webhooks: { ...FAST, requestTimeoutMs: 2_000, leaseMs: 3_000 },
      mountControllers: false,
    });
    const dataSource = app.get(DataSource);
    const webhook = await insertWebhook(dataSource, { url: receiver.url() });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await receiver.waitForRequests(1);
    await app.close();
    // Read after close through a fresh app on the same database.
    const reader = await createTestApp(db, {
      webhooks: { dispatcherEnabled: false },
      mountControllers: false,
    });
    try {
      const stored = await deliveryOf(reader.get(DataSource), delivery.uuid);
      expect(stored.status).toBe('SUCCEEDED');
      expect(
        await attemptsOf(reader.get(DataSource), delivery.uuid),
      ).toHaveLength(1);
    } finally {
      await reader.close();
    }
  });

  it('close() aborts what outlives shutdownTimeoutMs and hands it back, due now, with no attempt counted', async () => {
    receiver.respondByDefault({ hang: true });
    const app = await createTestApp(db, {
      webhooks: {
        ...FAST,
        requestTimeoutMs: 5_000,
        leaseMs: 60_000,
        shutdownTimeoutMs: 200,
      },
      mountControllers: false,
    });
    const dataSource = app.get(DataSource);
    const webhook = await insertWebhook(dataSource, { url: receiver.url() });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await receiver.waitForRequests(1);
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    const reader = await createTestApp(db, {
      webhooks: { dispatcherEnabled: false },
      mountControllers: false,
    });
    try {
      const stored = await deliveryOf(reader.get(DataSource), delivery.uuid);
      expect(stored).toMatchObject({
        status: 'PENDING',
        leaseOwner: null,
        attemptCount: 0,
      });
      expect(stored.nextAttemptAt).toBeLessThanOrEqual(Date.now());
      expect(
        await attemptsOf(reader.get(DataSource), delivery.uuid),
      ).toHaveLength(0);
    } finally {
      await reader.close();
    }
  });

  it('survives failing ticks (claims erroring) and keeps delivering', async () => {
    const app = await createTestApp(db, {
      webhooks: FAST,
      mountControllers: false,
    });
    const dataSource = app.get(DataSource);
    try {
      const webhook = await insertWebhook(dataSource, { url: receiver.url() });
      await dataSource.query(
        'ALTER TABLE webhook_deliveries RENAME TO webhook_deliveries_gone',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await dataSource.query(
        'ALTER TABLE webhook_deliveries_gone RENAME TO webhook_deliveries',
      );
      const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
      await eventually(
        'delivered after the failing ticks',
        async () =>
          (await deliveryOf(dataSource, delivery.uuid)).status === 'SUCCEEDED',
      );
    } finally {
      await app.close();
    }
  });

  it('when recording an attempt fails, the delivery is retried after its lease', async () => {
    const app = await createTestApp(db, {
      webhooks: FAST,
      mountControllers: false,
    });
    const dataSource = app.get(DataSource);
    try {
      const webhook = await insertWebhook(dataSource, { url: receiver.url() });
      await dataSource.query(
        'ALTER TABLE webhook_attempts RENAME TO webhook_attempts_gone',
      );
      const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
      await receiver.waitForRequests(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await dataSource.query(
        'ALTER TABLE webhook_attempts_gone RENAME TO webhook_attempts',
      );
      await eventually(
        'the retry after the lease',
        async () =>
          (await deliveryOf(dataSource, delivery.uuid)).status === 'SUCCEEDED',
      );
      expect(receiver.requests).toHaveLength(2);
      expect(receiver.requests[1].receivedAt).toBeGreaterThanOrEqual(
        receiver.requests[0].receivedAt + FAST.leaseMs! - 100,
      );
    } finally {
      await app.close();
    }
  });
});

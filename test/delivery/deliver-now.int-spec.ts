import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DeliveryNotClaimableError,
  DeliveryNotFoundError,
  WebhookDeliveryService,
} from 'nestjs-outbound-webhooks';
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
} from './delivery-fixtures';

describeEachDatabase('deliverNow and requeue', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  let receiver: TestReceiver;
  let service: WebhookDeliveryService;

  beforeAll(async () => {
    receiver = await startReceiver();
    // No dispatcher: only the immediate path sends.
    app = await createTestApp(db, {
      webhooks: { ...FAST, dispatcherEnabled: false },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
    service = app.get(WebhookDeliveryService);
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('attempts a delivery scheduled for later at once and returns the attempt summary', async () => {
    receiver.respondOn('/now', { status: 201, body: 'created' });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/now'),
    });
    const [delivery] = await insertDeliveries(
      dataSource,
      webhook,
      ['{"x":1}'],
      {
        nextAttemptAt: Date.now() + 3_600_000,
      },
    );
    const summary = await service.deliverNow(delivery.uuid);
    expect(summary).toMatchObject({
      deliveryUuid: delivery.uuid,
      attemptNumber: 1,
      deliveryStatus: 'SUCCEEDED',
      succeeded: true,
      statusCode: 201,
      errorKind: null,
      responseBody: 'created',
      nextAttemptAt: null,
    });
    expect(receiver.requestsTo('/now')).toHaveLength(1);
    expect((await deliveryOf(dataSource, delivery.uuid)).status).toBe(
      'SUCCEEDED',
    );
  });

  it('a failed immediate attempt schedules the retry like any other', async () => {
    receiver.respondOn('/fails', { status: 500 });
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/fails'),
      retryBackoffMs: 60_000,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    const before = Date.now();
    const summary = await service.deliverNow(delivery.uuid);
    expect(summary).toMatchObject({
      deliveryStatus: 'PENDING',
      succeeded: false,
      statusCode: 500,
      errorKind: 'HTTP_STATUS',
    });
    expect(summary.nextAttemptAt).toBeGreaterThanOrEqual(before + 48_000);
    expect(summary.nextAttemptAt).toBeLessThanOrEqual(Date.now() + 72_000);
  });

  it('refuses a finished delivery until it is re-queued, then sends it again', async () => {
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/again'),
      maxRetries: 0,
    });
    receiver.respondOn('/again', { status: 500 }, { status: 200 });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    expect((await service.deliverNow(delivery.uuid)).deliveryStatus).toBe(
      'FAILED',
    );
    await expect(service.deliverNow(delivery.uuid)).rejects.toThrow(
      DeliveryNotClaimableError,
    );
    await service.requeue(delivery.uuid);
    const requeued = await deliveryOf(dataSource, delivery.uuid);
    expect(requeued).toMatchObject({ status: 'PENDING', leaseOwner: null });
    expect(requeued.nextAttemptAt).toBeLessThanOrEqual(Date.now());
    await expect(service.requeue(delivery.uuid)).rejects.toThrow(
      DeliveryNotClaimableError,
    );
    const summary = await service.deliverNow(delivery.uuid);
    expect(summary).toMatchObject({ attemptNumber: 2, succeeded: true });
    expect(
      (await attemptsOf(dataSource, delivery.uuid)).map((a) => a.statusCode),
    ).toEqual([500, 200]);
    const [first, second] = receiver.requestsTo('/again');
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
  });

  it('never sends a delivery whose lease another worker holds', async () => {
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/held'),
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}'], {
      leaseOwner: 'someone-else',
      leaseExpiresAt: Date.now() + 60_000,
      nextAttemptAt: Date.now() + 60_000,
    });
    await expect(service.deliverNow(delivery.uuid)).rejects.toThrow(
      /being attempted right now/,
    );
    expect(receiver.requestsTo('/held')).toHaveLength(0);
  });

  it('cancels instead of sending when the webhook is disabled', async () => {
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/off'),
      status: 'DISABLED',
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    expect(await service.deliverNow(delivery.uuid)).toMatchObject({
      deliveryStatus: 'CANCELLED',
      attemptNumber: null,
    });
    expect(receiver.requestsTo('/off')).toHaveLength(0);
  });

  it('names an unknown delivery', async () => {
    await expect(
      service.deliverNow('00000000-0000-4000-8000-000000000404'),
    ).rejects.toThrow(DeliveryNotFoundError);
    await expect(
      service.requeue('00000000-0000-4000-8000-000000000404'),
    ).rejects.toThrow(DeliveryNotFoundError);
  });
});

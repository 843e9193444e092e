import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  WebhookDeliveryEntity,
  WebhookEventEntity,
  WebhookPublisher,
} from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import { COMPANY, FAST, insertWebhook, untilStatus } from './delivery-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// On SQLite TypeORM shares one connection for the whole process: these prove
// the running dispatcher neither reads a host's uncommitted event nor slips
// its own statements into the host's transaction.
describeEachDatabase('dispatcher beside an open host transaction', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await createTestApp(db, {
      webhooks: { ...FAST, pollIntervalMs: 10 },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
    await insertWebhook(dataSource, {
      url: receiver.url('/open-tx'),
      topic: 'record.candidate.created',
    });
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('sends nothing for an event whose transaction stays open while the dispatcher ticks, then rolls back', async () => {
    const publisher = app.get(WebhookPublisher);
    await expect(
      dataSource.transaction(async (manager) => {
        await publisher.recordCreated({
          companyUuid: COMPANY,
          record: {
            uuid: 'rolled-back',
            objectName: 'candidate',
            properties: {},
          },
          manager,
        });
        // Many poll intervals pass while the event is written but not committed.
        await sleep(400);
        throw new Error('host write failed');
      }),
    ).rejects.toThrow('host write failed');
    await sleep(400);

    expect(receiver.requestsTo('/open-tx')).toHaveLength(0);
    expect(await dataSource.getRepository(WebhookEventEntity).count()).toBe(0);
    expect(await dataSource.getRepository(WebhookDeliveryEntity).count()).toBe(
      0,
    );
  });

  it('delivers the event once the same kind of open transaction commits', async () => {
    const publisher = app.get(WebhookPublisher);
    await dataSource.transaction(async (manager) => {
      await publisher.recordCreated({
        companyUuid: COMPANY,
        record: { uuid: 'committed', objectName: 'candidate', properties: {} },
        manager,
      });
      await sleep(400);
    });
    await receiver.waitForRequests(1, 5_000);
    expect(receiver.requestsTo('/open-tx')).toHaveLength(1);
    const [delivery] = await dataSource
      .getRepository(WebhookDeliveryEntity)
      .find();
    await untilStatus(app, delivery.uuid, 'SUCCEEDED');
  });
});

import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookPublisher,
} from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import { COMPANY, FAST, insertWebhook, untilStatus } from './delivery-fixtures';

describeEachDatabase('publish to delivery', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    // A poll interval far longer than the test: only the same-process
    // wake-up on publish can deliver in time.
    app = await createTestApp(db, {
      webhooks: { ...FAST, pollIntervalMs: 600_000 },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('an event published in this process is fanned out, signed and delivered at once, without waiting for the poll', async () => {
    const secret = 'publish-secret-1';
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/published'),
      secret,
      topic: 'record.candidate.created',
    });
    const started = Date.now();
    await app.get(WebhookPublisher).recordCreated({
      companyUuid: COMPANY,
      record: {
        uuid: 'rec-1',
        objectName: 'candidate',
        properties: { name: 'Zoë / "quoted" \u2028 😀' },
      },
    });
    await receiver.waitForRequests(1, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);

    const [request] = receiver.requestsTo('/published');
    const payload = new Webhook(new TextEncoder().encode(secret), {
      format: 'raw',
    }).verify(request.body, request.headers as any) as Record<string, any>;
    expect(payload).toMatchObject({ topic: 'record.candidate.created' });
    expect(JSON.stringify(payload)).toContain('Zoë / \\"quoted\\" \u2028 😀');

    const delivery = await dataSource
      .getRepository(WebhookDeliveryEntity)
      .findOneByOrFail({ webhookUuid: webhook.uuid });
    expect(request.headers['webhook-id']).toBe(delivery.uuid);
    expect(request.body.equals(Buffer.from(delivery.body, 'utf8'))).toBe(true);
    await untilStatus(app, delivery.uuid, 'SUCCEEDED');
    const attempts = await dataSource
      .getRepository(WebhookAttemptEntity)
      .findBy({ deliveryUuid: delivery.uuid });
    expect(attempts).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
  });

  // Some 50 MiB written: run where the packet limits it, on MariaDB.
  (db.kind === 'mariadb' ? it : it.skip)(
    "an event as large as MariaDB's default packet allows (maxPayloadBytes checked at boot) is stored, fanned out and delivered",
    async () => {
      // The largest maxPayloadBytes the boot check allows for a 16 MiB
      // max_allowed_packet, and a payload near it made of the characters the
      // driver escapes (each quote is \" in JSON, four bytes once escaped).
      const maxPayloadBytes = 8_355_840;
      const big = await createTestApp(db, {
        webhooks: { ...FAST, pollIntervalMs: 600_000, maxPayloadBytes },
        mountControllers: false,
      });
      try {
        const bigData = big.get(DataSource);
        const webhook = await insertWebhook(bigData, {
          url: receiver.url('/large'),
          topic: 'record.candidate.created',
        });
        const quotes = '"'.repeat(Math.floor((maxPayloadBytes - 4096) / 2));
        await big.get(WebhookPublisher).recordCreated({
          companyUuid: COMPANY,
          record: {
            uuid: 'rec-large',
            objectName: 'candidate',
            properties: { quotes },
          },
        });
        const delivery = await eventuallyOne(bigData, webhook.uuid);
        await untilStatus(big, delivery.uuid, 'SUCCEEDED', 20_000);
        const [request] = receiver.requestsTo('/large');
        expect(request.body.equals(Buffer.from(delivery.body, 'utf8'))).toBe(
          true,
        );
        expect(request.body.toString('utf8')).toContain(JSON.stringify(quotes));
      } finally {
        await big.close();
      }
    },
    60_000,
  );
});

/** The one delivery of a webhook, once the fan-out has stored it. */
async function eventuallyOne(
  dataSource: DataSource,
  webhookUuid: string,
): Promise<WebhookDeliveryEntity> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await dataSource
      .getRepository(WebhookDeliveryEntity)
      .findBy({ webhookUuid });
    if (found.length > 0) {
      expect(found).toHaveLength(1);
      return found[0];
    }
    if (Date.now() > deadline) throw new Error('no delivery was stored');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

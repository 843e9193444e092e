import type { INestApplication } from '@nestjs/common';
import { WebhookEventEntity } from 'nestjs-outbound-webhooks';
import type { WebhookFanOutService } from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  candidate,
  clearTables,
  deliveries,
  insertWebhook,
  servicesOf,
} from './publishing-fixtures';

type HandOff = NonNullable<
  Parameters<WebhookFanOutService['fanOutPending']>[1]
>;
type Accepted = Parameters<HandOff['accept']>[0];

/** A dispatcher stand-in with room for `room` deliveries. */
function handOffWithRoom(room: number): HandOff & { accepted: Accepted } {
  const accepted: Accepted = [];
  return {
    accepted,
    room,
    accept: (claimed) => {
      accepted.push(...claimed);
      return Promise.resolve();
    },
  };
}

describeEachDatabase('fan-out handing deliveries to the dispatcher', (db) => {
  let app: INestApplication;
  let s: ReturnType<typeof servicesOf>;

  beforeAll(async () => {
    app = await createTestApp(db, { mountControllers: false });
    s = servicesOf(app);
  });
  afterAll(() => app?.close());
  beforeEach(() => clearTables(s.dataSource));

  async function publish(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ n: i }),
      });
    }
  }

  it('deliveries it has room for are handed over leased to it, the rest stay due for any claim', async () => {
    const webhook = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
    });
    await publish(3);
    const handOff = handOffWithRoom(2);

    expect(await s.fanOut.fanOutPending(10, handOff)).toBe(3);

    const stored = await deliveries(s.dataSource);
    expect(stored).toHaveLength(3);
    if (!s.fanOut.handsOffLeased) {
      expect(handOff.accepted).toHaveLength(0);
      for (const row of stored) expect(row.leaseOwner).toBeNull();
      return;
    }
    expect(handOff.accepted).toHaveLength(2);
    const byUuid = new Map(stored.map((row) => [row.uuid, row]));
    for (const delivery of handOff.accepted) {
      const row = byUuid.get(delivery.uuid)!;
      expect(delivery).toMatchObject({
        webhookUuid: webhook.uuid,
        body: row.body,
        attemptCount: 0,
        leaseOwner: row.leaseOwner,
        leaseExpiresAt: Number(row.leaseExpiresAt),
      });
      expect(row.leaseOwner).not.toBeNull();
      expect(Number(row.nextAttemptAt)).toBe(delivery.leaseExpiresAt);
      expect(delivery.leaseExpiresAt).toBeGreaterThan(Date.now());
      byUuid.delete(delivery.uuid);
    }
    const [unleased] = [...byUuid.values()];
    expect(unleased.leaseOwner).toBeNull();
    expect(Number(unleased.nextAttemptAt)).toBeLessThanOrEqual(Date.now());
  });

  it('a delivery that already existed for the event and webhook is never handed over', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
    await publish(1);
    expect(await s.fanOut.fanOutPending(10)).toBe(1);
    // As if the first fan-out's lease had run out before it marked the event.
    await s.dataSource
      .getRepository(WebhookEventEntity)
      .createQueryBuilder()
      .update()
      .set({ fannedOut: false })
      .execute();
    const handOff = handOffWithRoom(10);

    expect(await s.fanOut.fanOutPending(10, handOff)).toBe(1);

    expect(handOff.accepted).toHaveLength(0);
    const stored = await deliveries(s.dataSource);
    expect(stored).toHaveLength(1);
    expect(stored[0].leaseOwner).toBeNull();
  });

  it('with no room, nothing is handed over and every delivery is due for any claim', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
    await publish(1);
    const handOff = handOffWithRoom(0);

    expect(await s.fanOut.fanOutPending(10, handOff)).toBe(1);

    expect(handOff.accepted).toHaveLength(0);
    const [row] = await deliveries(s.dataSource);
    expect(row.leaseOwner).toBeNull();
    expect(Number(row.nextAttemptAt)).toBeLessThanOrEqual(Date.now());
  });
});

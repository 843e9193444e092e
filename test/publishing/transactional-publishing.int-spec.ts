import type { INestApplication } from '@nestjs/common';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  GLOBEX,
  candidate,
  clearTables,
  deliveries,
  events,
  fanOutAll,
  insertWebhook,
  servicesOf,
} from './publishing-fixtures';

describeEachDatabase('publishing in the caller transaction', (db) => {
  let app: INestApplication;
  let s: ReturnType<typeof servicesOf>;

  beforeAll(async () => {
    app = await createTestApp(db, { mountControllers: false });
    s = servicesOf(app);
  });
  afterAll(() => app?.close());
  beforeEach(() => clearTables(s.dataSource));

  it('a committed transaction stores one event and fan-out gives each matching webhook one delivery', async () => {
    const exact = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
    });
    const wildcard = await insertWebhook(s.dataSource, {
      topic: 'record.*.created',
      webhookFormat: 'USER_FRIENDLY',
    });
    const all = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.all',
      webhookFormat: 'RAW',
    });
    await insertWebhook(s.dataSource, { topic: 'record.vacancy.created' });
    await insertWebhook(s.dataSource, { topic: 'record.candidate.updated' });
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      enabled: false,
    });
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      status: 'DISABLED',
    });
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      companyUuid: GLOBEX,
    });

    const record = candidate({ email: 'ada@example.com' });
    await s.dataSource.transaction(async (manager) => {
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record,
        correlationId: 'req-1',
        manager,
      });
    });

    const stored = await events(s.dataSource);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      topic: 'record.candidate.created',
      eventType: 'RecordCreated',
      recordUuid: record.uuid,
      fannedOut: false,
    });

    expect(await s.fanOut.fanOutPending(10)).toBe(1);
    const made = await deliveries(s.dataSource);
    expect(made.map((d) => d.webhookUuid).sort()).toEqual(
      [exact.uuid, wildcard.uuid, all.uuid].sort(),
    );
    for (const delivery of made) {
      expect(delivery).toMatchObject({
        companyUuid: ACME,
        eventUuid: stored[0].uuid,
        topic: 'record.candidate.created',
        status: 'PENDING',
        attemptCount: 0,
      });
      expect(delivery.uuid).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(delivery.nextAttemptAt).toBeLessThanOrEqual(Date.now());
    }
    const byWebhook = new Map(made.map((d) => [d.webhookUuid, d]));
    expect(JSON.parse(byWebhook.get(exact.uuid)!.body)).toMatchObject({
      event: 'RecordCreated',
      correlationId: 'req-1',
      record: {
        uuid: record.uuid,
        properties: [
          { name: 'email', type: 'string', value: 'ada@example.com' },
        ],
      },
    });
    expect(JSON.parse(byWebhook.get(wildcard.uuid)!.body)).toMatchObject({
      event: { type: 'Created', correlationId: 'req-1' },
      record: { record: { properties: { email: 'ada@example.com' } } },
    });
    expect(JSON.parse(byWebhook.get(all.uuid)!.body)).toMatchObject({
      type: 'RecordCreated',
      topic: 'record.candidate.created',
    });

    expect((await events(s.dataSource))[0].fannedOut).toBe(true);
    expect(await s.fanOut.fanOutPending(10)).toBe(0);
    expect(await deliveries(s.dataSource)).toHaveLength(3);
  });

  it('a rolled-back transaction publishes nothing, ever', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
    await expect(
      s.dataSource.transaction(async (manager) => {
        await s.publisher.recordCreated({
          companyUuid: ACME,
          record: candidate(),
          manager,
        });
        throw new Error('host write failed');
      }),
    ).rejects.toThrow('host write failed');

    expect(await events(s.dataSource)).toHaveLength(0);
    expect(await fanOutAll(s.fanOut)).toBe(0);
    expect(await deliveries(s.dataSource)).toHaveLength(0);
  });

  it('a savepoint rolled back inside a committed transaction drops only its event', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.all' });
    const kept = candidate({ n: 1 });
    const dropped = candidate({ n: 2 });
    await s.dataSource.transaction(async (manager) => {
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record: kept,
        manager,
      });
      await expect(
        manager.transaction(async (inner) => {
          await s.publisher.recordCreated({
            companyUuid: ACME,
            record: dropped,
            manager: inner,
          });
          throw new Error('inner step failed');
        }),
      ).rejects.toThrow('inner step failed');
    });

    const stored = await events(s.dataSource);
    expect(stored.map((e) => e.recordUuid)).toEqual([kept.uuid]);
    expect(await fanOutAll(s.fanOut)).toBe(1);
    const made = await deliveries(s.dataSource);
    expect(made).toHaveLength(1);
    expect(JSON.parse(made[0].body).record.uuid).toBe(kept.uuid);
  });

  it('1,000 events published in one transaction all fan out, one delivery each', async () => {
    const webhook = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
    });
    await s.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 1000; i++) {
        await s.publisher.recordCreated({
          companyUuid: ACME,
          record: candidate({ i }),
          manager,
        });
      }
    });
    expect(await fanOutAll(s.fanOut, 250)).toBe(1000);
    const made = await deliveries(s.dataSource);
    expect(made).toHaveLength(1000);
    expect(new Set(made.map((d) => d.eventUuid)).size).toBe(1000);
    expect(new Set(made.map((d) => d.uuid)).size).toBe(1000);
    expect(made.every((d) => d.webhookUuid === webhook.uuid)).toBe(true);
    const seen = made.map((d) => JSON.parse(d.body).record.properties[0].value);
    expect(new Set(seen).size).toBe(1000);
    expect((await events(s.dataSource)).every((e) => e.fannedOut)).toBe(true);
  });

  it('publishes in its own transaction when no manager is given', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.deleted' });
    const result = await s.publisher.recordDeleted({
      companyUuid: ACME,
      record: candidate({ status: 'closed' }),
    });
    expect(result.duplicate).toBe(false);
    expect(result.topics).toEqual(['record.candidate.deleted']);
    expect(await fanOutAll(s.fanOut)).toBe(1);
    const [delivery] = await deliveries(s.dataSource);
    expect(JSON.parse(delivery.body).record.properties).toEqual([
      { name: 'status', type: 'string', value: 'closed' },
    ]);
  });

  it('no cap on webhooks per topic: 150 matching webhooks get 150 deliveries', async () => {
    for (let i = 0; i < 150; i++) {
      await insertWebhook(s.dataSource, { topic: 'record.candidate.archived' });
    }
    await s.publisher.recordArchived({
      companyUuid: ACME,
      record: candidate(),
    });
    expect(await fanOutAll(s.fanOut)).toBe(1);
    const made = await deliveries(s.dataSource);
    expect(new Set(made.map((d) => d.webhookUuid)).size).toBe(150);
  });

  // 20 MB written: run where the packet limits it, on MariaDB.
  (db.kind === 'mariadb' ? it : it.skip)(
    'an update whose events add up past what one statement may carry is stored whole, in the caller transaction',
    async () => {
      // 1 + 20 events (updated, one property_changed per changed value), each
      // carrying the record and its previous state: ~0.94 MB apiece, under the
      // default maxPayloadBytes, ~20 MB together (MariaDB's packet: 16 MiB).
      const big = 'x'.repeat(470_000);
      const properties = (value: number) => {
        const all: Record<string, string | number> = { big };
        for (let i = 0; i < 20; i++) all[`p${i}`] = value;
        return all;
      };
      const before = candidate(properties(1));
      const after = { ...before, properties: properties(2) };
      const published = await s.dataSource.transaction((manager) =>
        s.publisher.recordUpdated({
          companyUuid: ACME,
          record: after,
          previous: before,
          manager,
        }),
      );
      expect(published.eventUuids).toHaveLength(21);
      const stored = await events(s.dataSource);
      expect(stored.map((e) => e.uuid).sort()).toEqual(
        [...published.eventUuids].sort(),
      );
      for (const event of stored) {
        expect(event.payload.length).toBeGreaterThan(2 * big.length);
      }
    },
    60_000,
  );
});

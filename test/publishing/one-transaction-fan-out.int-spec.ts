import type { INestApplication } from '@nestjs/common';
import { WebhookEventEntity } from 'nestjs-outbound-webhooks';
import type { WebhookFormatter } from 'nestjs-outbound-webhooks';
import type { DataSource } from 'typeorm';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';
import {
  ACME,
  candidate,
  clearTables,
  deliveries,
  events,
  fanOutAll,
  insertWebhook,
  servicesOf,
} from './publishing-fixtures';

/** A format that fails to render records named "Broken" while `failing`. */
const flaky = {
  failing: true,
  formatter(): WebhookFormatter {
    return {
      name: 'FLAKY',
      label: 'Flaky',
      description: 'Fails on records named Broken while told to.',
      contentType: 'application/json',
      example: {},
      render: (input) => {
        const name = input.record?.properties?.name;
        if (this.failing && name === 'Broken') {
          throw new Error('cannot render Broken');
        }
        return { id: input.deliveryId, name };
      },
    };
  },
};

/** A trigger refusing any delivery whose body mentions "Explode". */
const REFUSE_TRIGGER: Record<TestDatabase['kind'], string[]> = {
  postgres: [
    `CREATE OR REPLACE FUNCTION webhooks_test_refuse() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$
     LANGUAGE plpgsql`,
    `CREATE TRIGGER webhooks_test_refuse BEFORE INSERT ON webhook_deliveries
     FOR EACH ROW WHEN (NEW.body LIKE '%Explode%')
     EXECUTE FUNCTION webhooks_test_refuse()`,
  ],
  mariadb: [
    `CREATE TRIGGER webhooks_test_refuse BEFORE INSERT ON webhook_deliveries
     FOR EACH ROW BEGIN
       IF NEW.body LIKE '%Explode%' THEN
         SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by test trigger';
       END IF;
     END`,
  ],
  sqlite: [
    `CREATE TRIGGER webhooks_test_refuse BEFORE INSERT ON webhook_deliveries
     WHEN NEW.body LIKE '%Explode%'
     BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`,
  ],
};

const DROP_TRIGGER: Record<TestDatabase['kind'], string[]> = {
  postgres: [
    'DROP TRIGGER IF EXISTS webhooks_test_refuse ON webhook_deliveries',
    'DROP FUNCTION IF EXISTS webhooks_test_refuse()',
  ],
  mariadb: ['DROP TRIGGER IF EXISTS webhooks_test_refuse'],
  sqlite: ['DROP TRIGGER IF EXISTS webhooks_test_refuse'],
};

async function runAll(dataSource: DataSource, sql: string[]): Promise<void> {
  for (const statement of sql) await dataSource.query(statement);
}

/** Ends every fan-out lease, as if its time had passed. */
async function endLeases(dataSource: DataSource): Promise<void> {
  await dataSource
    .getRepository(WebhookEventEntity)
    .createQueryBuilder()
    .update()
    .set({ fanoutLeaseUntil: Date.now() - 1 })
    .where('fanout_lease_until IS NOT NULL')
    .execute();
}

/**
 * Hosts with no relation loader and no company provider: on PostgreSQL and
 * MySQL a fan-out round claims, renders and stores in one transaction
 * (SQLite keeps the leased path, which these tests hold to the same
 * outcome: no event lost, none fanned out twice).
 */
describeEachDatabase('fan-out with no host code to run', (db) => {
  const inOneTransaction = db.kind !== 'sqlite';
  let app: INestApplication;
  let second: INestApplication | undefined;
  let s: ReturnType<typeof servicesOf>;

  const options = {
    mountControllers: false,
    webhooks: { formats: [flaky.formatter()], leaseMs: 20_000 },
  };

  /**
   * A failed one-transaction round sends its process's next rounds down
   * the leased path for `leaseMs`: the failure tests get a process of
   * their own, so the others still see the one-transaction path.
   */
  async function freshFanOut(): Promise<{
    fanOut: ReturnType<typeof servicesOf>['fanOut'];
    close: () => Promise<void>;
  }> {
    const own = await createTestApp(db, options);
    return { fanOut: servicesOf(own).fanOut, close: () => own.close() };
  }

  beforeAll(async () => {
    app = await createTestApp(db, options);
    s = servicesOf(app);
    if (inOneTransaction) second = await createTestApp(db, options);
  });
  afterAll(async () => {
    await second?.close();
    await app?.close();
  });
  beforeEach(async () => {
    flaky.failing = true;
    await runAll(s.dataSource, DROP_TRIGGER[db.kind]);
    await clearTables(s.dataSource);
  });

  it('an event whose body cannot be rendered waits under a lease, the rest of its round is stored', async () => {
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      webhookFormat: 'FLAKY',
    });
    const broken = candidate({ name: 'Broken' });
    const fine = candidate({ name: 'Fine' });
    await s.publisher.recordCreated({ companyUuid: ACME, record: broken });
    await s.publisher.recordCreated({ companyUuid: ACME, record: fine });

    expect(await s.fanOut.fanOutPending(10)).toBe(1);
    expect(await s.fanOut.fanOutPending(10)).toBe(0);

    const waiting = await events(s.dataSource);
    expect(waiting.filter((e) => e.fannedOut).map((e) => e.recordUuid)).toEqual(
      [fine.uuid],
    );
    const held = waiting.find((e) => !e.fannedOut)!;
    expect(held.recordUuid).toBe(broken.uuid);
    expect(Number(held.fanoutLeaseUntil)).toBeGreaterThan(Date.now());
    expect(await deliveries(s.dataSource)).toHaveLength(1);

    flaky.failing = false;
    await endLeases(s.dataSource);
    expect(await s.fanOut.fanOutPending(10)).toBe(1);
    const made = await deliveries(s.dataSource);
    expect(made.map((d) => JSON.parse(d.body).name).sort()).toEqual([
      'Broken',
      'Fine',
    ]);
    expect((await events(s.dataSource)).every((e) => e.fannedOut)).toBe(true);
  });

  it('a round whose insert fails stores nothing and loses no event', async () => {
    const fresh = await freshFanOut();
    try {
      await insertWebhook(s.dataSource, {
        topic: 'record.candidate.created',
        webhookFormat: 'FLAKY',
      });
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ name: 'Explode' }),
      });
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ name: 'Fine' }),
      });
      await runAll(s.dataSource, REFUSE_TRIGGER[db.kind]);

      // By message: better-sqlite3's error class may come from another test
      // file's module registry, where `toThrow`'s instanceof check fails.
      await expect(fresh.fanOut.fanOutPending(10)).rejects.toHaveProperty(
        'message',
        expect.stringContaining('refused by test trigger'),
      );

      expect(await deliveries(s.dataSource)).toHaveLength(0);
      const after = await events(s.dataSource);
      expect(after.map((e) => e.fannedOut)).toEqual([false, false]);
      if (inOneTransaction) {
        // Rolled back with the claim: no lease, claimable at once.
        expect(after.map((e) => e.fanoutLeaseUntil)).toEqual([null, null]);
      } else {
        // The leased path committed its claim first: back after the lease.
        for (const e of after) {
          expect(Number(e.fanoutLeaseUntil)).toBeGreaterThan(Date.now());
        }
        await endLeases(s.dataSource);
      }

      await runAll(s.dataSource, DROP_TRIGGER[db.kind]);
      expect(await fresh.fanOut.fanOutPending(10)).toBe(2);
      expect(await deliveries(s.dataSource)).toHaveLength(2);
      expect((await events(s.dataSource)).every((e) => e.fannedOut)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('an event whose round fails every time is set aside under a lease, newer events go on', async () => {
    const fresh = await freshFanOut();
    try {
      await insertWebhook(s.dataSource, {
        topic: 'record.candidate.created',
        webhookFormat: 'FLAKY',
      });
      const poison = candidate({ name: 'Explode' });
      const fine = candidate({ name: 'Fine' });
      await s.publisher.recordCreated({ companyUuid: ACME, record: poison });
      await s.publisher.recordCreated({ companyUuid: ACME, record: fine });
      await runAll(s.dataSource, REFUSE_TRIGGER[db.kind]);

      // One event per round, oldest first: the poison comes first every time.
      let failedRounds = 0;
      let fannedOut = 0;
      for (let round = 0; round < 4 && fannedOut === 0; round++) {
        try {
          fannedOut = await fresh.fanOut.fanOutPending(1);
        } catch {
          failedRounds++;
        }
      }

      // A one-transaction round rolls back without a lease; the leased round
      // after it leases the poison, so the next round takes the newer event.
      expect(failedRounds).toBe(inOneTransaction ? 2 : 1);
      expect(fannedOut).toBe(1);
      const after = await events(s.dataSource);
      const byRecord = new Map(after.map((e) => [e.recordUuid, e]));
      expect(byRecord.get(fine.uuid)?.fannedOut).toBe(true);
      expect(byRecord.get(poison.uuid)?.fannedOut).toBe(false);
      expect(
        Number(byRecord.get(poison.uuid)?.fanoutLeaseUntil),
      ).toBeGreaterThan(Date.now());
      expect((await deliveries(s.dataSource)).map((d) => d.body)).toEqual([
        expect.stringContaining('Fine'),
      ]);
    } finally {
      await fresh.close();
    }
  });

  if (db.kind !== 'sqlite') {
    it('two processes fanning out at once create each delivery exactly once', async () => {
      const other = servicesOf(second!);
      const hooks = [
        await insertWebhook(s.dataSource, {
          topic: 'record.candidate.created',
        }),
        await insertWebhook(s.dataSource, { topic: 'record.*.all' }),
      ];
      await s.dataSource.transaction(async (manager) => {
        for (let i = 0; i < 300; i++) {
          await s.publisher.recordCreated({
            companyUuid: ACME,
            record: candidate({ i }),
            manager,
          });
        }
      });

      const [a, b] = await Promise.all([
        fanOutAll(s.fanOut, 25),
        fanOutAll(other.fanOut, 25),
      ]);

      expect(a + b).toBe(300);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      const made = await deliveries(s.dataSource);
      expect(made).toHaveLength(600);
      const pairs = new Set(made.map((d) => `${d.eventUuid}:${d.webhookUuid}`));
      expect(pairs.size).toBe(600);
      expect(new Set(made.map((d) => d.webhookUuid))).toEqual(
        new Set(hooks.map((h) => h.uuid)),
      );
      const stored = await events(s.dataSource);
      expect(stored.every((e) => e.fannedOut)).toBe(true);
      expect(stored.every((e) => e.fanoutLeaseUntil === null)).toBe(true);
    });
  }
});

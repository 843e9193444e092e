import type { INestApplication } from '@nestjs/common';
import { WebhookEntity, WebhookEventEntity } from 'nestjs-outbound-webhooks';
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
  GLOBEX,
  insertWebhook,
  servicesOf,
} from './publishing-fixtures';

/** A host format: its presence alone sends rounds down the leased path. */
const hostFormat: WebhookFormatter = {
  name: 'HOST',
  label: 'Host',
  description: 'A format the host registers.',
  contentType: 'application/json',
  example: {},
  render: (input) => ({ id: input.deliveryId, record: input.record }),
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

/** Stores a webhook's filter as raw SQL text, as a broken row would hold it. */
async function setFilterSql(
  dataSource: DataSource,
  uuid: string,
  filterSql: string,
): Promise<void> {
  await dataSource
    .getRepository(WebhookEntity)
    .createQueryBuilder()
    .update()
    .set({ filter: () => filterSql })
    .where('uuid = :uuid', { uuid })
    .execute();
}

/** Replaces an event's stored payload, as a broken row would hold it. */
async function setPayload(
  dataSource: DataSource,
  recordUuid: string,
  payload: string,
): Promise<void> {
  await dataSource
    .getRepository(WebhookEventEntity)
    .createQueryBuilder()
    .update()
    .set({ payload })
    .where('record_uuid = :recordUuid', { recordUuid })
    .execute();
}

/**
 * Hosts with no relation loader, no company provider and no custom format:
 * on PostgreSQL and MySQL a fan-out round claims, renders and stores in one
 * transaction (SQLite keeps the leased path, which these tests hold to the
 * same outcome: no event lost, none fanned out twice, none holding others
 * back).
 */
describeEachDatabase('fan-out with no host code to run', (db) => {
  const inOneTransaction = db.kind !== 'sqlite';
  let app: INestApplication;
  let second: INestApplication | undefined;
  let s: ReturnType<typeof servicesOf>;
  const options = {
    mountControllers: false,
    webhooks: { leaseMs: 20_000 },
  };

  /**
   * A process of its own: a failed one-transaction round sends its
   * process's next rounds down the leased path for `leaseMs`, so the
   * failure tests do not change what the others see.
   */
  async function freshFanOut(webhooks = options.webhooks): Promise<{
    fanOut: ReturnType<typeof servicesOf>['fanOut'];
    dataSource: DataSource;
    close: () => Promise<void>;
  }> {
    const ownApp = await createTestApp(db, { ...options, webhooks });
    const own = servicesOf(ownApp);
    return {
      fanOut: own.fanOut,
      dataSource: own.dataSource,
      close: () => ownApp.close(),
    };
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
    await runAll(s.dataSource, DROP_TRIGGER[db.kind]);
    await clearTables(s.dataSource);
  });

  async function publishNamed(...names: string[]) {
    const records = names.map((name) => candidate({ name }));
    for (const record of records) {
      await s.publisher.recordCreated({ companyUuid: ACME, record });
    }
    return records;
  }

  it('an event whose stored payload cannot be read waits under a lease, the rest of its round is stored', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
    const [broken, fine] = await publishNamed('Broken', 'Fine');
    const [original] = (await events(s.dataSource)).filter(
      (e) => e.recordUuid === broken.uuid,
    );
    await setPayload(s.dataSource, broken.uuid, '{"cut short');

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

    await setPayload(s.dataSource, broken.uuid, original.payload);
    await endLeases(s.dataSource);
    expect(await s.fanOut.fanOutPending(10)).toBe(1);
    const made = await deliveries(s.dataSource);
    expect(made.map((d) => d.eventUuid).sort()).toEqual(
      waiting.map((e) => e.uuid).sort(),
    );
    expect((await events(s.dataSource)).every((e) => e.fannedOut)).toBe(true);
  });

  it('an event whose deliveries can never be stored waits under its lease alone, the events claimed with it go on', async () => {
    await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
    const [poison, fine] = await publishNamed('Explode', 'Fine');
    await runAll(s.dataSource, REFUSE_TRIGGER[db.kind]);
    const fresh = await freshFanOut();
    try {
      let failedRounds = 0;
      let fannedOut = 0;
      for (let round = 0; round < 4 && fannedOut === 0; round++) {
        try {
          fannedOut = await fresh.fanOut.fanOutPending(10);
        } catch (error) {
          expect((error as Error).message).toContain('refused by test trigger');
          failedRounds++;
        }
      }

      // One transaction: the round rolls back whole (its events claimable
      // at once); the leased round after it stores event by event.
      expect(failedRounds).toBe(inOneTransaction ? 1 : 0);
      expect(fannedOut).toBe(1);
      const after = await events(s.dataSource);
      const byRecord = new Map(after.map((e) => [e.recordUuid, e]));
      expect(byRecord.get(fine.uuid)?.fannedOut).toBe(true);
      expect(byRecord.get(poison.uuid)?.fannedOut).toBe(false);
      expect(
        Number(byRecord.get(poison.uuid)?.fanoutLeaseUntil),
      ).toBeGreaterThan(Date.now());
      const made = await deliveries(s.dataSource);
      expect(made.map((d) => d.eventUuid)).toEqual([
        byRecord.get(fine.uuid)!.uuid,
      ]);

      await runAll(s.dataSource, DROP_TRIGGER[db.kind]);
      await endLeases(s.dataSource);
      expect(await fresh.fanOut.fanOutPending(10)).toBe(1);
      expect(await deliveries(s.dataSource)).toHaveLength(2);
    } finally {
      await fresh.close();
    }
  });

  for (const path of ['default', 'leased'] as const) {
    it(`a company whose webhooks cannot be read holds back its own events only (${path} path)`, async () => {
      const broken = await insertWebhook(s.dataSource, {
        topic: 'record.candidate.created',
        companyUuid: GLOBEX,
      });
      await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
      await setFilterSql(s.dataSource, broken.uuid, "'not json'");
      const globex = candidate({ name: 'Globex' });
      await s.publisher.recordCreated({ companyUuid: GLOBEX, record: globex });
      await publishNamed('Ada', 'Bo');
      const fresh = await freshFanOut(
        path === 'leased'
          ? ({
              ...options.webhooks,
              formats: [hostFormat],
            } as typeof options.webhooks)
          : options.webhooks,
      );
      try {
        expect(await fresh.fanOut.fanOutPending(10)).toBe(2);
        const held = (await events(s.dataSource)).filter((e) => !e.fannedOut);
        expect(held.map((e) => e.recordUuid)).toEqual([globex.uuid]);
        expect(Number(held[0].fanoutLeaseUntil)).toBeGreaterThan(Date.now());
        const made = await deliveries(s.dataSource);
        expect(made.map((d) => d.companyUuid)).toEqual([ACME, ACME]);

        await setFilterSql(s.dataSource, broken.uuid, 'NULL');
        await endLeases(s.dataSource);
        expect(await fresh.fanOut.fanOutPending(10)).toBe(1);
        const all = await deliveries(s.dataSource);
        expect(all.map((d) => d.companyUuid).sort()).toEqual(
          [ACME, ACME, GLOBEX].sort(),
        );
      } finally {
        await fresh.close();
      }
    });
  }

  if (inOneTransaction) {
    it('a one-transaction round whose insert fails stores nothing and leaves its events claimable at once', async () => {
      await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
      await publishNamed('Explode', 'Fine');
      await runAll(s.dataSource, REFUSE_TRIGGER[db.kind]);
      const fresh = await freshFanOut();
      try {
        await expect(fresh.fanOut.fanOutPending(10)).rejects.toThrow(
          'refused by test trigger',
        );
        expect(await deliveries(s.dataSource)).toHaveLength(0);
        const after = await events(s.dataSource);
        expect(after.map((e) => e.fannedOut)).toEqual([false, false]);
        expect(after.map((e) => e.fanoutLeaseUntil)).toEqual([null, null]);
      } finally {
        await fresh.close();
      }
    });

    it('with a custom format (host code) the claim is a committed lease', async () => {
      await insertWebhook(s.dataSource, {
        topic: 'record.candidate.created',
        webhookFormat: 'HOST',
      });
      await publishNamed('Explode');
      await runAll(s.dataSource, REFUSE_TRIGGER[db.kind]);
      const fresh = await freshFanOut({
        ...options.webhooks,
        formats: [hostFormat],
      } as typeof options.webhooks);
      try {
        await expect(fresh.fanOut.fanOutPending(10)).rejects.toThrow(
          'refused by test trigger',
        );
        const [event] = await events(s.dataSource);
        expect(event.fannedOut).toBe(false);
        expect(Number(event.fanoutLeaseUntil)).toBeGreaterThan(Date.now());
      } finally {
        await fresh.close();
      }
    });

    it('an idle round sends one read, not a transaction; a round with work claims', async () => {
      await insertWebhook(s.dataSource, { topic: 'record.candidate.created' });
      const fresh = await freshFanOut();
      const own = fresh.dataSource;
      const sent: string[] = [];
      const logger = own.logger;
      try {
        expect(await fresh.fanOut.fanOutPending(10)).toBe(0);
        // Every statement the module's data source sends, in order.
        Object.assign(own, {
          logger: Object.create(logger, {
            logQuery: { value: (query: string) => sent.push(query) },
          }) as typeof logger,
        });

        expect(await fresh.fanOut.fanOutPending(10)).toBe(0);
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatch(/^\s*SELECT uuid FROM webhook_events/);

        await publishNamed('Fine');
        sent.length = 0;
        expect(await fresh.fanOut.fanOutPending(10)).toBe(1);
        expect(sent[0]).toMatch(/^\s*SELECT uuid FROM webhook_events/);
        expect(sent.some((q) => /^START TRANSACTION/.test(q))).toBe(true);
        expect(await deliveries(s.dataSource)).toHaveLength(1);
      } finally {
        Object.assign(own, { logger });
        await fresh.close();
      }
    });

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

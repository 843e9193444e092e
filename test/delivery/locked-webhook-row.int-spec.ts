import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueryRunner } from 'typeorm';
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
} from './delivery-fixtures';

/**
 * A host transaction holding a webhook row locked. PostgreSQL only: the
 * module bounds its own lock waits there (`lock_timeout`); MySQL/MariaDB
 * wait the server's `innodb_lock_wait_timeout` (50 s by default), too long
 * for a test, and SQLite has no row locks.
 */
describeEachDatabase('a webhook row locked by the host', (db) => {
  const onPostgres = db.kind === 'postgres' ? it : it.skip;
  let receiver: TestReceiver;
  let app: INestApplication | undefined;
  let host: DataSource | undefined;
  let lock: QueryRunner | undefined;

  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await lock?.rollbackTransaction().catch(() => undefined);
    await lock?.release();
    await host?.destroy();
    await app?.close();
    await receiver.close();
  });

  async function boot() {
    app = await createTestApp(db, { webhooks: FAST, mountControllers: false });
    return { app, dataSource: app.get(DataSource) };
  }

  /** Locks a webhook row from a connection of the host's own. */
  async function lockRow(webhookUuid: string): Promise<QueryRunner> {
    host = await new DataSource(db.options()).initialize();
    lock = host.createQueryRunner();
    await lock.startTransaction();
    await lock.query(
      'SELECT uuid FROM webhook_webhooks WHERE uuid = $1 FOR UPDATE',
      [webhookUuid],
    );
    return lock;
  }

  onPostgres(
    'holds back that webhook’s outcomes only: the others are recorded once, never sent twice',
    async () => {
      const { app, dataSource } = await boot();
      receiver.respondUsing((request) => ({
        status: request.url.startsWith('/locked') ? 500 : 200,
      }));
      const locked = await insertWebhook(dataSource, {
        url: receiver.url('/locked'),
      });
      const free = await insertWebhook(dataSource, {
        url: receiver.url('/free'),
      });
      const lock = await lockRow(locked.uuid);

      const [held] = await insertDeliveries(dataSource, locked, ['{}']);
      await receiver.waitForRequests(1);
      const others = await insertDeliveries(dataSource, free, [
        '{"n":1}',
        '{"n":2}',
      ]);
      for (const delivery of others) {
        await untilStatus(app, delivery.uuid, 'SUCCEEDED', 5_000);
        expect(await attemptsOf(dataSource, delivery.uuid)).toHaveLength(1);
      }
      expect(receiver.requestsTo('/free')).toHaveLength(2);
      // Its failure could not touch the locked row: nothing recorded yet.
      expect(await attemptsOf(dataSource, held.uuid)).toHaveLength(0);

      await lock.rollbackTransaction();
      await eventually(
        'the held delivery’s attempt recorded once the lock is gone',
        async () => (await attemptsOf(dataSource, held.uuid)).length > 0,
        10_000,
      );
      expect((await deliveryOf(dataSource, held.uuid)).attemptCount).toBe(
        (await attemptsOf(dataSource, held.uuid)).length,
      );
      expect(receiver.requestsTo('/free')).toHaveLength(2);
    },
    30_000,
  );

  onPostgres(
    'a success of a failing webhook whose row is locked is recorded; its failure clock stops at a later success',
    async () => {
      const { app, dataSource } = await boot();
      const webhook = await insertWebhook(dataSource, {
        url: receiver.url('/recovering'),
      });
      await dataSource.query(
        'UPDATE webhook_webhooks SET failing_since = $1 WHERE uuid = $2',
        [Date.now() - 60_000, webhook.uuid],
      );
      const lock = await lockRow(webhook.uuid);

      const [first] = await insertDeliveries(dataSource, webhook, ['{}']);
      await untilStatus(app, first.uuid, 'SUCCEEDED', 5_000);
      const failingSince = async () =>
        (
          await dataSource.query(
            'SELECT failing_since FROM webhook_webhooks WHERE uuid = $1',
            [webhook.uuid],
          )
        )[0].failing_since;
      expect(await failingSince()).not.toBeNull();

      await lock.rollbackTransaction();
      const [second] = await insertDeliveries(dataSource, webhook, ['{}']);
      await untilStatus(app, second.uuid, 'SUCCEEDED', 5_000);
      expect(await failingSince()).toBeNull();
      expect(receiver.requestsTo('/recovering')).toHaveLength(2);
    },
    30_000,
  );
});

import { DataSource } from 'typeorm';
import type { DataSourceOptions, Logger } from 'typeorm';
import { SqlExecutor } from '../../packages/outbound-webhooks/src/persistence/sql.executor';
import { describeEachDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

/** Every statement a data source sends, in order. */
class StatementLog implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function open(
  db: TestDatabase,
  extra: Partial<DataSourceOptions> = {},
): Promise<DataSource> {
  const dataSource = new DataSource({
    ...db.options(),
    ...extra,
  } as DataSourceOptions);
  await dataSource.initialize();
  return dataSource;
}

/**
 * Reads a row twice inside one of the module's transactions while another
 * connection commits a change to it in between: READ COMMITTED sees the
 * change, REPEATABLE READ (or stricter) does not.
 */
async function readsInside(dataSource: DataSource): Promise<number[]> {
  await dataSource.query('DROP TABLE IF EXISTS isolation_probe');
  await dataSource.query(
    'CREATE TABLE isolation_probe (id int PRIMARY KEY, v int NOT NULL)',
  );
  await dataSource.query('INSERT INTO isolation_probe VALUES (1, 1)');
  const sql = new SqlExecutor(dataSource);
  const read = async (manager?: unknown): Promise<number> =>
    Number(
      (
        await sql.run<{ v: number }>(
          'SELECT v FROM isolation_probe WHERE id = 1',
          [],
          manager as Parameters<SqlExecutor['run']>[2],
        )
      ).records[0].v,
    );
  return await sql.transaction(async (manager) => {
    const first = await read(manager);
    // Another connection (SQLite: the same one, no transaction open).
    const other = new DataSource(dataSource.options);
    await other.initialize();
    try {
      await other.query('UPDATE isolation_probe SET v = 2 WHERE id = 1');
    } finally {
      await other.destroy();
    }
    return [first, await read(manager)];
  });
}

describeEachDatabase("the module's own transactions", (db) => {
  it('read what another connection committed meanwhile (READ COMMITTED)', async () => {
    const dataSource = await open(db);
    try {
      expect(await readsInside(dataSource)).toEqual([1, 2]);
    } finally {
      await dataSource.destroy();
    }
  });

  if (db.kind !== 'postgres') return;

  it('open with one statement on PostgreSQL, at READ COMMITTED', async () => {
    const log = new StatementLog();
    const dataSource = await open(db, { logging: true, logger: log });
    try {
      await readsInside(dataSource);
      const opened = log.statements.indexOf(
        'START TRANSACTION ISOLATION LEVEL READ COMMITTED',
      );
      expect(opened).toBeGreaterThanOrEqual(0);
      expect(log.statements[opened + 1]).toMatch(/^SELECT v FROM/);
      expect(log.statements.filter((s) => /^SET TRANSACTION/i.test(s))).toEqual(
        [],
      );
    } finally {
      await dataSource.destroy();
    }
  });

  it('stay READ COMMITTED where the connection defaults to REPEATABLE READ', async () => {
    // One pooled connection, whose session default the host changed.
    const dataSource = await open(db, { extra: { max: 1 } });
    try {
      await dataSource.query(
        'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ',
      );
      expect(await readsInside(dataSource)).toEqual([1, 2]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('stay READ COMMITTED where the database defaults to REPEATABLE READ', async () => {
    const admin = await open(db);
    try {
      await admin.query(
        `ALTER DATABASE ${db.name} SET default_transaction_isolation = 'repeatable read'`,
      );
    } finally {
      await admin.destroy();
    }
    const dataSource = await open(db);
    try {
      expect(await readsInside(dataSource)).toEqual([1, 2]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('roll back when the work fails, and leave the connection usable', async () => {
    const dataSource = await open(db, { extra: { max: 1 } });
    try {
      await dataSource.query('DROP TABLE IF EXISTS rollback_probe');
      await dataSource.query('CREATE TABLE rollback_probe (id int)');
      const sql = new SqlExecutor(dataSource);
      await expect(
        sql.transaction(async (manager) => {
          await sql.run('INSERT INTO rollback_probe VALUES (1)', [], manager);
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      const rows = await dataSource.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM rollback_probe',
      );
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});

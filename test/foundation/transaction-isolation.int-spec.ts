import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SqlExecutor } from '../../packages/outbound-webhooks/src/persistence/sql.executor';
import { describeEachDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

/**
 * Reads a row twice inside one of the module's transactions while another
 * connection commits a change to it in between: READ COMMITTED sees the
 * change, REPEATABLE READ (or stricter) does not.
 */
async function secondReadInside(db: TestDatabase): Promise<number[]> {
  const dataSource = new DataSource(db.options());
  await dataSource.initialize();
  try {
    await dataSource.query('DROP TABLE IF EXISTS isolation_probe');
    await dataSource.query(
      'CREATE TABLE isolation_probe (id int PRIMARY KEY, v int NOT NULL)',
    );
    await dataSource.query('INSERT INTO isolation_probe VALUES (1, 1)');
    const sql = new SqlExecutor(dataSource);
    const read = async (): Promise<number> =>
      Number(
        (
          await sql.run<{ v: number }>(
            'SELECT v FROM isolation_probe WHERE id = 1',
            [],
            undefined,
          )
        ).records[0].v,
      );
    return await sql.transaction(async (manager) => {
      const first = Number(
        (
          await sql.run<{ v: number }>(
            'SELECT v FROM isolation_probe WHERE id = 1',
            [],
            manager,
          )
        ).records[0].v,
      );
      // Another connection of the pool (SQLite: the same one).
      await dataSource.query('UPDATE isolation_probe SET v = 2 WHERE id = 1');
      const second = Number(
        (
          await sql.run<{ v: number }>(
            'SELECT v FROM isolation_probe WHERE id = 1',
            [],
            manager,
          )
        ).records[0].v,
      );
      return [first, second, await read()];
    });
  } finally {
    await dataSource.destroy();
  }
}

describeEachDatabase("the module's own transactions", (db) => {
  it('read what other connections committed meanwhile (READ COMMITTED)', async () => {
    expect(await secondReadInside(db)).toEqual([1, 2, 2]);
  });

  if (db.kind === 'postgres') {
    it('still do where the database defaults to REPEATABLE READ', async () => {
      const client = new Client({
        connectionString: db.options().url as string,
      });
      await client.connect();
      try {
        await client.query(
          `ALTER DATABASE ${db.name} SET default_transaction_isolation = 'repeatable read'`,
        );
      } finally {
        await client.end();
      }
      expect(await secondReadInside(db)).toEqual([1, 2, 2]);
    });
  }
});

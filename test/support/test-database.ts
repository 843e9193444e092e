import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions } from 'typeorm';
import { MYSQL_URL, PG_URL } from './database-probe';

export type TestDatabaseKind = 'sqlite' | 'postgres' | 'mariadb';

/**
 * A database of its own for one test file: a temp SQLite file, or a freshly
 * created PostgreSQL / MariaDB database dropped at the end.
 */
export class TestDatabase {
  private sqliteDir?: string;
  readonly name: string;

  constructor(readonly kind: TestDatabaseKind) {
    this.name = `wh_test_${randomBytes(6).toString('hex')}`;
  }

  async create(): Promise<void> {
    if (this.kind === 'sqlite') {
      this.sqliteDir = mkdtempSync(join(tmpdir(), 'wh-test-'));
    } else if (this.kind === 'postgres') {
      await withPg((client) => client.query(`CREATE DATABASE ${this.name}`));
    } else {
      await withMysql((c) => c.query(`CREATE DATABASE ${this.name}`));
    }
  }

  /** TypeORM options for this database (no entities set). */
  options(): DataSourceOptions {
    if (this.kind === 'sqlite') {
      return {
        type: 'better-sqlite3',
        database: join(this.sqliteDir!, 'test.sqlite'),
        enableWAL: true,
      };
    }
    if (this.kind === 'postgres') {
      const url = new URL(PG_URL);
      url.pathname = `/${this.name}`;
      return { type: 'postgres', url: url.toString() };
    }
    const url = new URL(MYSQL_URL);
    url.pathname = `/${this.name}`;
    return { type: 'mysql', url: url.toString(), charset: 'utf8mb4' };
  }

  async drop(): Promise<void> {
    if (this.kind === 'sqlite') {
      if (this.sqliteDir)
        rmSync(this.sqliteDir, { recursive: true, force: true });
    } else if (this.kind === 'postgres') {
      await withPg((client) =>
        client.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`),
      );
    } else {
      await withMysql((c) => c.query(`DROP DATABASE IF EXISTS ${this.name}`));
    }
  }
}

async function withPg<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withMysql<T>(
  fn: (c: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
): Promise<T> {
  const connection = await createConnection({ uri: MYSQL_URL });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

/** The kinds this run tests on (set by the global set-up). */
export function availableDatabaseKinds(): TestDatabaseKind[] {
  const list =
    process.env.WEBHOOKS_TEST_AVAILABLE_DATABASES ??
    process.env.WEBHOOKS_TEST_DATABASES ??
    'sqlite';
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean) as TestDatabaseKind[];
}

/**
 * Runs `suite` once per available database, each in its own `describe` with
 * a fresh database created before and dropped after.
 */
export function describeEachDatabase(
  title: string,
  suite: (db: TestDatabase) => void,
): void {
  const kinds = availableDatabaseKinds();
  for (const kind of ['sqlite', 'postgres', 'mariadb'] as const) {
    const run = kinds.includes(kind) ? describe : describe.skip;
    run(`${title} [${kind}]`, () => {
      const db = new TestDatabase(kind);
      beforeAll(() => db.create());
      afterAll(() => db.drop());
      suite(db);
    });
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions } from 'typeorm';
import type { BenchDatabaseKind } from './bench-config';

/** Server URLs the benchmark uses (same variables as the test suites). */
export const PG_URL =
  process.env.WEBHOOKS_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_URL =
  process.env.WEBHOOKS_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** Where a worker process finds the benchmark's database. */
export interface BenchDatabaseLocation {
  kind: BenchDatabaseKind;
  /** Connection URL (PostgreSQL, MariaDB) or file path (SQLite). */
  url: string;
}

/**
 * A database of the benchmark's own: a fresh PostgreSQL / MariaDB database
 * or a temp SQLite file, dropped at the end.
 */
export class BenchDatabase {
  readonly name = `wh_bench_${randomBytes(5).toString('hex')}`;
  private sqliteDir?: string;

  constructor(readonly kind: BenchDatabaseKind) {}

  async create(): Promise<void> {
    if (this.kind === 'sqlite') {
      this.sqliteDir = mkdtempSync(join(tmpdir(), 'wh-bench-'));
    } else if (this.kind === 'postgres') {
      await withPg((c) => c.query(`CREATE DATABASE ${this.name}`));
    } else {
      await withMysql((c) => c.query(`CREATE DATABASE ${this.name}`));
    }
  }

  location(): BenchDatabaseLocation {
    if (this.kind === 'sqlite') {
      return { kind: 'sqlite', url: join(this.sqliteDir!, 'bench.sqlite') };
    }
    const url = new URL(this.kind === 'postgres' ? PG_URL : MYSQL_URL);
    url.pathname = `/${this.name}`;
    return { kind: this.kind, url: url.toString() };
  }

  async drop(): Promise<void> {
    if (this.kind === 'sqlite') {
      if (this.sqliteDir)
        rmSync(this.sqliteDir, { recursive: true, force: true });
    } else if (this.kind === 'postgres') {
      await withPg((c) =>
        c.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`),
      );
    } else {
      await withMysql((c) => c.query(`DROP DATABASE IF EXISTS ${this.name}`));
    }
  }
}

/** TypeORM options for a benchmark database (no entities set). */
export function typeOrmOptions(
  location: BenchDatabaseLocation,
  poolSize = 10,
): DataSourceOptions {
  if (location.kind === 'sqlite') {
    return {
      type: 'better-sqlite3',
      database: location.url,
      enableWAL: true,
    };
  }
  if (location.kind === 'postgres') {
    return { type: 'postgres', url: location.url, poolSize };
  }
  return {
    type: 'mysql',
    url: location.url,
    charset: 'utf8mb4',
    poolSize,
  };
}

async function withPg<T>(fn: (c: Client) => Promise<T>): Promise<T> {
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

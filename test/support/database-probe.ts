import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';

/** Connection settings of the local servers tests run on (overridable). */
export const PG_URL =
  process.env.WEBHOOKS_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_URL =
  process.env.WEBHOOKS_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function reachable(check: () => Promise<void>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/** Tries each server once; used by the jest global set-up. */
export async function probeDatabases(): Promise<Record<string, boolean>> {
  const postgres = await reachable(async () => {
    const client = new Client({
      connectionString: PG_URL,
      connectionTimeoutMillis: 3000,
    });
    await client.connect();
    await client.end();
  });
  const mariadb = await reachable(async () => {
    const connection = await createConnection({
      uri: MYSQL_URL,
      connectTimeout: 3000,
    });
    await connection.end();
  });
  return { sqlite: true, postgres, mariadb };
}

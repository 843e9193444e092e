import type { DataSource } from 'typeorm';
import { WebhooksError } from '../errors/webhooks.error';

/** The part of a better-sqlite3 `Database` this runner uses. */
interface BetterSqliteConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): {
    readonly reader: boolean;
    all(...params: unknown[]): unknown[];
    run(...params: unknown[]): { changes: number };
  };
}

const WAIT_STEP_MS = 2;
/** Longer than any sane host transaction; then the caller is told why. */
const MAX_WAIT_MS = 15_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs the module's own statements on SQLite between transactions.
 *
 * TypeORM's better-sqlite3 driver has one connection for the whole process,
 * so a transaction the host has open (across awaits) would swallow any
 * statement run meanwhile: the dispatcher could read events that are later
 * rolled back, and its writes could be rolled back with the host's. Here each
 * statement waits until the connection is outside any transaction, then runs
 * synchronously — better-sqlite3 never yields mid-statement, so nothing can
 * start a transaction between the check and the statement.
 */
export class SqliteStatementRunner {
  private constructor(private readonly connection: BetterSqliteConnection) {}

  /** A runner for `dataSource`, or `null` when it is not better-sqlite3. */
  static for(dataSource: DataSource): SqliteStatementRunner | null {
    if (dataSource.options.type !== 'better-sqlite3') return null;
    const driver = dataSource.driver as unknown as {
      databaseConnection?: BetterSqliteConnection;
    };
    const connection = driver.databaseConnection;
    if (!connection || typeof connection.prepare !== 'function') return null;
    return new SqliteStatementRunner(connection);
  }

  async run<Row>(
    sql: string,
    params: unknown[],
  ): Promise<{ records: Row[]; affected: number }> {
    await this.waitOutsideTransaction();
    const statement = this.connection.prepare(sql);
    const bound = params.map((value) =>
      typeof value === 'boolean' ? Number(value) : value,
    );
    if (statement.reader) {
      const records = statement.all(...bound) as Row[];
      return { records, affected: records.length };
    }
    return { records: [], affected: statement.run(...bound).changes };
  }

  private async waitOutsideTransaction(): Promise<void> {
    const deadline = Date.now() + MAX_WAIT_MS;
    while (this.connection.inTransaction) {
      if (Date.now() > deadline) {
        throw new WebhooksError(
          `The SQLite connection stayed inside a transaction for over ${MAX_WAIT_MS} ms. If this is a publish inside your own transaction, pass that transaction's EntityManager as "manager".`,
        );
      }
      await sleep(WAIT_STEP_MS);
    }
  }
}

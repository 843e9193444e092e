import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { bindSql, sqlDialectOf } from './sql-dialect';
import type { SqlDialect } from './sql-dialect';
import { SqliteStatementRunner } from './sqlite-statement.runner';

/** Rows and affected-row count of one statement. */
export interface SqlResult<Row> {
  records: Row[];
  affected: number;
}

/** Error codes meaning "this transaction lost a lock race; run it again". */
const RETRYABLE_CODES = new Set(['40P01', '40001', 'ER_LOCK_DEADLOCK']);
const RETRYABLE_ERRNOS = new Set([1213, 1205]);
const MAX_TRANSACTION_TRIES = 4;

function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    (typeof code === 'string' && RETRYABLE_CODES.has(code)) ||
    (typeof errno === 'number' && RETRYABLE_ERRNOS.has(errno))
  );
}

/**
 * Runs the module's hand-written statements on the host's data source in its
 * own dialect (placeholders bound per database), returning rows and affected
 * counts the same way on all three.
 */
export class SqlExecutor {
  readonly dialect: SqlDialect;
  private sqliteRunner: SqliteStatementRunner | null | undefined;
  private defaultIsReadCommitted: Promise<boolean> | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = sqlDialectOf(dataSource);
  }

  /**
   * Whether a plain BEGIN already gives READ COMMITTED, so a transaction
   * needs no `SET TRANSACTION ISOLATION LEVEL` round trip of its own:
   * PostgreSQL's default, unless the database or role says otherwise
   * (asked once). MySQL/MariaDB default to REPEATABLE READ: always set.
   */
  private readCommittedByDefault(): Promise<boolean> {
    this.defaultIsReadCommitted ??=
      this.dialect !== 'postgres'
        ? Promise.resolve(false)
        : this.dataSource
            .query<{ level: string }[]>(
              "SELECT current_setting('default_transaction_isolation') AS level",
            )
            .then(
              (rows) => rows[0]?.level === 'read committed',
              () => false,
            );
    return this.defaultIsReadCommitted;
  }

  /** better-sqlite3's connection exists only once the data source is up. */
  private sqlite(): SqliteStatementRunner | null {
    if (this.sqliteRunner === undefined) {
      this.sqliteRunner = SqliteStatementRunner.for(this.dataSource);
    }
    return this.sqliteRunner;
  }

  /** Runs one statement, on `manager`'s transaction when given. */
  async run<Row = Record<string, unknown>>(
    sql: string,
    params: unknown[],
    manager?: EntityManager,
  ): Promise<SqlResult<Row>> {
    const own = manager?.queryRunner === undefined;
    if (own && this.dialect === 'sqlite') {
      const sqlite = this.sqlite();
      if (sqlite) return sqlite.run<Row>(sql, params);
    }
    const runner: QueryRunner =
      manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(
        bindSql(sql, this.dialect),
        params,
        true,
      );
      const records = Array.isArray(result.records)
        ? (result.records as Row[])
        : [];
      return { records, affected: result.affected ?? records.length };
    } finally {
      if (own) await runner.release();
    }
  }

  /**
   * Runs `work` in a short transaction (READ COMMITTED on PostgreSQL and
   * MySQL: set explicitly unless it is the database's default), retried
   * when the database picked it as a deadlock victim.
   *
   * On SQLite it runs without a transaction: TypeORM shares one connection
   * there, and a transaction of ours would swallow the statements other
   * parts of the process run meanwhile. Each statement stays atomic and runs
   * only while no other transaction is open (`SqliteStatementRunner`).
   */
  async transaction<T>(
    work: (manager?: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (this.dialect === 'sqlite') return work(undefined);
    const readCommitted = await this.readCommittedByDefault();
    for (let attempt = 1; ; attempt++) {
      try {
        return readCommitted
          ? await this.dataSource.transaction((manager) => work(manager))
          : await this.dataSource.transaction('READ COMMITTED', (manager) =>
              work(manager),
            );
      } catch (error) {
        if (attempt >= MAX_TRANSACTION_TRIES || !isRetryable(error)) {
          throw error;
        }
      }
    }
  }
}

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

  constructor(private readonly dataSource: DataSource) {
    this.dialect = sqlDialectOf(dataSource);
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
   * Runs `work` in a short READ COMMITTED transaction, retried when the
   * database picked it as a deadlock victim. On PostgreSQL one statement
   * opens it at that level (`START TRANSACTION ISOLATION LEVEL …`; TypeORM
   * would send a second, `SET TRANSACTION …`, a round trip per publish);
   * MySQL has no such form, so TypeORM's two statements stay.
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
    for (let attempt = 1; ; attempt++) {
      try {
        return this.dialect === 'postgres'
          ? await this.postgresTransaction(work)
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

  /**
   * `work`'s statements all go through `run` on the manager's runner, so
   * the transaction is ours to open and end: TypeORM's entity methods,
   * which would open one of their own, are not used in it.
   */
  private async postgresTransaction<T>(
    work: (manager?: EntityManager) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query('START TRANSACTION ISOLATION LEVEL READ COMMITTED');
      try {
        const result = await work(runner.manager);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}

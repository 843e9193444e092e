import type { DataSource } from 'typeorm';

/** The SQL families the module writes statements for. */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

/** The dialect of a TypeORM data source; throws for unsupported drivers. */
export function sqlDialectOf(dataSource: DataSource): SqlDialect {
  const type = dataSource.options.type;
  if (type === 'postgres') return 'postgres';
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  if (type === 'better-sqlite3' || type === 'sqlite') return 'sqlite';
  throw new TypeError(
    `nestjs-outbound-webhooks supports PostgreSQL, MySQL/MariaDB and SQLite data sources, not "${type}".`,
  );
}

/** `?, ?, ?` for an `IN (...)` list of `count` values (at least one). */
export function placeholders(count: number): string {
  return new Array<string>(Math.max(1, count)).fill('?').join(', ');
}

/**
 * PostgreSQL texts of recent statements. The same few run again and again,
 * and a multi-row insert has thousands of placeholders to renumber; the map
 * is emptied when full, so it stays small whatever the batch sizes.
 */
const BOUND_CACHE_SIZE = 64;
const boundStatements = new Map<string, string>();

/**
 * Statements are written with `?` placeholders (MySQL and SQLite); for
 * PostgreSQL they become `$1, $2, ...`. No statement has `?` in a literal.
 */
export function bindSql(sql: string, dialect: SqlDialect): string {
  if (dialect !== 'postgres') return sql;
  const known = boundStatements.get(sql);
  if (known !== undefined) return known;
  let index = 0;
  const bound = sql.replace(/\?/g, () => `$${++index}`);
  if (boundStatements.size >= BOUND_CACHE_SIZE) boundStatements.clear();
  boundStatements.set(sql, bound);
  return bound;
}

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
 * Statements are written with `?` placeholders (MySQL and SQLite); for
 * PostgreSQL they become `$1, $2, ...`. No statement has `?` in a literal.
 */
export function bindSql(sql: string, dialect: SqlDialect): string {
  if (dialect !== 'postgres') return sql;
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

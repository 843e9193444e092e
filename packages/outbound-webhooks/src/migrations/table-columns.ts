import type { TableColumnOptions } from 'typeorm';

/**
 * Column builders shared by the migrations. They keep the migrations free of
 * per-database SQL: TypeORM's schema builder turns them into each dialect.
 */
export function uuidColumn(name: string, length = 36): TableColumnOptions {
  return { name, type: 'varchar', length: String(length) };
}

export function varcharColumn(
  name: string,
  length: number,
  nullable = false,
): TableColumnOptions {
  return {
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  };
}

export function epochMsColumn(
  name: string,
  nullable = false,
): TableColumnOptions {
  return { name, type: 'bigint', isNullable: nullable };
}

export function intColumn(
  name: string,
  nullable = false,
  defaultValue?: number,
): TableColumnOptions {
  // `integer` is what TypeORM reads back from SQLite for an int entity
  // column; PostgreSQL and MySQL store it as their plain int.
  return {
    name,
    type: 'integer',
    isNullable: nullable,
    default: defaultValue,
  };
}

/**
 * SQLite has no boolean literal TypeORM reads back as such: its default is
 * written as 1 or 0, as TypeORM writes it for a boolean entity column.
 */
export function booleanColumn(
  name: string,
  dbType: string,
  defaultValue: boolean,
): TableColumnOptions {
  const isSqlite = dbType === 'better-sqlite3' || dbType === 'sqlite';
  return {
    name,
    type: 'boolean',
    default: isSqlite ? Number(defaultValue) : defaultValue,
  };
}

/**
 * Text of any size. MySQL's TEXT stops at 64 KiB, so large payloads use
 * LONGTEXT there; the other databases have no such limit on `text`.
 */
export function textColumn(
  name: string,
  dbType: string,
  nullable = false,
  large = false,
): TableColumnOptions {
  const isMysql = dbType === 'mysql' || dbType === 'mariadb';
  return {
    name,
    type: large && isMysql ? 'longtext' : 'text',
    isNullable: nullable,
  };
}

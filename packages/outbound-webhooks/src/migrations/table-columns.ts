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
  return { name, type: 'int', isNullable: nullable, default: defaultValue };
}

export function booleanColumn(
  name: string,
  defaultValue: boolean,
): TableColumnOptions {
  return { name, type: 'boolean', default: defaultValue };
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

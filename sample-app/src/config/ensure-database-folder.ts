import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** Creates the folder of a SQLite file on first start; other databases pass. */
export function ensureDatabaseFolder(
  options: DataSourceOptions,
): DataSourceOptions {
  const file = options.database;
  if (
    options.type === 'better-sqlite3' &&
    typeof file === 'string' &&
    file !== ':memory:'
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }
  return options;
}

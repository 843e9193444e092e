import { resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/**
 * Turns `DATABASE_URL` into TypeORM connection options:
 * `sqlite:<file path>` (relative to the working directory),
 * `postgres://...` / `postgresql://...`, or `mysql://...` / `mariadb://...`.
 */
export function parseDatabaseUrl(url: string): DataSourceOptions {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path.length === 0) {
      throw new Error(
        'DATABASE_URL "sqlite:" has no file path; use e.g. sqlite:sample-app/data/sample.sqlite.',
      );
    }
    if (path === ':memory:') {
      return { type: 'better-sqlite3', database: path };
    }
    return { type: 'better-sqlite3', database: resolve(path), enableWAL: true };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { type: 'postgres', url };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    return {
      type: 'mysql',
      url: url.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4',
    };
  }
  throw new Error(
    `DATABASE_URL "${url.split(':')[0]}:..." is not supported; use sqlite:<file>, postgres://... or mysql://...`,
  );
}

import type { ValueTransformer } from 'typeorm';

/**
 * Times are stored as epoch milliseconds in `bigint` columns: the same on
 * SQLite, PostgreSQL and MariaDB, free of driver time-zone handling. Drivers
 * return `bigint` as a string; this turns it back into a number (exact up to
 * the year 287,396).
 */
export const epochMsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) =>
    value === null || value === undefined ? value : Number(value),
};

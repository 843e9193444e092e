import type { ValueTransformer } from 'typeorm';

/**
 * Times are epoch milliseconds in `bigint` columns, the same on every
 * database; drivers hand `bigint` back as a string, so it is made a number.
 */
export const epochMsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) =>
    value === null || value === undefined ? value : Number(value),
};

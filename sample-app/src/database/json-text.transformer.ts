import type { ValueTransformer } from 'typeorm';

/**
 * JSON kept in a text column. Written by hand rather than `simple-json` so
 * that MySQL can use LONGTEXT (its TEXT stops at 64 KiB).
 */
export const jsonTextTransformer: ValueTransformer = {
  to: (value: unknown) =>
    value === undefined ? undefined : JSON.stringify(value),
  from: (value: string | null): unknown =>
    value === null ? null : JSON.parse(value),
};

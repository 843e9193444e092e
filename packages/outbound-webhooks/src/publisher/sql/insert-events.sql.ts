import type { SqlDialect } from '../../persistence/sql-dialect';

/** Columns written by the publisher, in parameter order. */
export const EVENT_INSERT_COLUMNS = [
  'uuid',
  'company_uuid',
  'topic',
  'event_type',
  'object_name',
  'record_uuid',
  'payload',
  'idempotency_key',
  'correlation_id',
  'occurred_at',
  'created_at',
] as const;

/**
 * Writes several outbox rows in one statement, in the caller's transaction.
 *
 * Locks: the inserted rows and their unique-index entries. A row whose
 * (company_uuid, idempotency_key) already exists is skipped instead of
 * raising: on PostgreSQL a unique violation would abort the caller's whole
 * transaction. `ON CONFLICT DO NOTHING` (PostgreSQL, SQLite) and MySQL's
 * no-op `ON DUPLICATE KEY UPDATE` skip only key conflicts; `INSERT IGNORE`
 * is avoided because it also turns truncation and other errors into warnings.
 * `fanned_out` takes its default (false).
 *
 * Params: EVENT_INSERT_COLUMNS for each row.
 */
export function insertEvents(rowCount: number, dialect: SqlDialect): string {
  const row = `(${EVENT_INSERT_COLUMNS.map(() => '?').join(', ')})`;
  const values = new Array<string>(rowCount).fill(row).join(',\n  ');
  const conflict =
    dialect === 'mysql'
      ? 'ON DUPLICATE KEY UPDATE idempotency_key = idempotency_key'
      : 'ON CONFLICT DO NOTHING';
  return `
INSERT INTO webhook_events (${EVENT_INSERT_COLUMNS.join(', ')})
VALUES
  ${values}
${conflict}`;
}

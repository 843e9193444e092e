import type { SqlDialect } from '../../persistence/sql-dialect';

/** Columns written per delivery, in parameter order. */
export const DELIVERY_INSERT_COLUMNS = [
  'uuid',
  'company_uuid',
  'webhook_uuid',
  'event_uuid',
  'topic',
  'status',
  'body',
  'attempt_count',
  'next_attempt_at',
  'lease_owner',
  'lease_expires_at',
  'created_at',
  'updated_at',
] as const;

/**
 * Texts built lately, by dialect, row count and RETURNING: a full chunk is
 * the usual case, and the same string object also finds its PostgreSQL
 * rendering in `bindSql`'s map without being hashed again.
 */
const TEXT_CACHE_SIZE = 16;
const recentTexts = new Map<string, string>();

/**
 * Inserts the deliveries of fanned-out events, PENDING. A row is either due
 * now with no lease, or already leased to the dispatcher that fanned it out
 * (due when that lease ends, exactly like a claimed row), which sends it
 * without claiming it back.
 *
 * Locks: the new rows and their index entries. A (event_uuid, webhook_uuid)
 * pair that exists already (a fan-out that died after inserting, or a
 * process whose lease ran out) is skipped, never duplicated:
 * uq_webhook_deliveries_event_webhook decides, and the first body stored is
 * the one every attempt sends. With `returning` (PostgreSQL only) the
 * statement returns the uuids it inserted, so a skipped pair is never taken
 * for a leased row of ours.
 *
 * Params: DELIVERY_INSERT_COLUMNS for each row.
 */
export function insertDeliveries(
  rowCount: number,
  dialect: SqlDialect,
  returning = false,
): string {
  const key = `${dialect} ${rowCount} ${returning}`;
  let text = recentTexts.get(key);
  if (text === undefined) {
    text = buildInsert(rowCount, dialect, returning);
    if (recentTexts.size >= TEXT_CACHE_SIZE) recentTexts.clear();
    recentTexts.set(key, text);
  }
  return text;
}

function buildInsert(
  rowCount: number,
  dialect: SqlDialect,
  returning: boolean,
): string {
  const row = `(${DELIVERY_INSERT_COLUMNS.map(() => '?').join(', ')})`;
  const conflict =
    dialect === 'mysql'
      ? 'ON DUPLICATE KEY UPDATE uuid = uuid'
      : 'ON CONFLICT DO NOTHING';
  return `
INSERT INTO webhook_deliveries (${DELIVERY_INSERT_COLUMNS.join(', ')})
VALUES
  ${new Array<string>(rowCount).fill(row).join(',\n  ')}
${conflict}${returning ? '\nRETURNING uuid' : ''}`;
}

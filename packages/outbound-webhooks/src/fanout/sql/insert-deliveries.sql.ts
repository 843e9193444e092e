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

/** Texts built lately, by dialect and row count: a full chunk is usual. */
const TEXT_CACHE_SIZE = 16;
const recentTexts = new Map<string, string>();

/**
 * Inserts the deliveries of fanned-out events, PENDING and due now, on
 * MySQL and SQLite (PostgreSQL: INSERT_DELIVERIES_POSTGRES).
 *
 * Locks: the new rows and their index entries. A (event_uuid, webhook_uuid)
 * pair that exists already (a fan-out that died after inserting, or a
 * process whose lease ran out) is skipped, never duplicated:
 * uq_webhook_deliveries_event_webhook decides, and the first body stored is
 * the one every attempt sends.
 *
 * Params: DELIVERY_INSERT_COLUMNS for each row.
 */
export function insertDeliveries(
  rowCount: number,
  dialect: SqlDialect,
): string {
  const key = `${dialect} ${rowCount}`;
  let text = recentTexts.get(key);
  if (text === undefined) {
    text = buildInsert(rowCount, dialect);
    if (recentTexts.size >= TEXT_CACHE_SIZE) recentTexts.clear();
    recentTexts.set(key, text);
  }
  return text;
}

function buildInsert(rowCount: number, dialect: SqlDialect): string {
  const row = `(${DELIVERY_INSERT_COLUMNS.map(() => '?').join(', ')})`;
  const conflict =
    dialect === 'mysql'
      ? 'ON DUPLICATE KEY UPDATE uuid = uuid'
      : 'ON CONFLICT DO NOTHING';
  return `
INSERT INTO webhook_deliveries (${DELIVERY_INSERT_COLUMNS.join(', ')})
VALUES
  ${new Array<string>(rowCount).fill(row).join(',\n  ')}
${conflict}`;
}

/**
 * `insertDeliveries` for PostgreSQL, where a row may also be inserted
 * already leased to the dispatcher that fanned it out (due when that lease
 * ends, exactly like a claimed row), which sends it without claiming it
 * back. The statement returns the uuids it inserted, so a skipped pair is
 * never taken for a leased row of ours.
 *
 * The rows arrive as one array per column: a statement of any size has the
 * same eleven parameters and the same text, and costs the server about
 * three quarters of the CPU of 200-row VALUES lists.
 *
 * Params: now twice (created_at, updated_at), then arrays of uuid,
 * company_uuid, webhook_uuid, event_uuid, topic, body, next_attempt_at,
 * lease_owner, lease_expires_at (one element per row).
 */
export const INSERT_DELIVERIES_POSTGRES = `
INSERT INTO webhook_deliveries (uuid, company_uuid, webhook_uuid, event_uuid,
  topic, status, body, attempt_count, next_attempt_at, lease_owner,
  lease_expires_at, created_at, updated_at)
SELECT r.uuid, r.company_uuid, r.webhook_uuid, r.event_uuid, r.topic,
  'PENDING', r.body, 0, r.next_attempt_at, r.lease_owner, r.lease_expires_at,
  ?::bigint, ?::bigint
FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
  ?::varchar[], ?::text[], ?::bigint[], ?::varchar[], ?::bigint[])
  AS r(uuid, company_uuid, webhook_uuid, event_uuid, topic, body,
       next_attempt_at, lease_owner, lease_expires_at)
ON CONFLICT DO NOTHING
RETURNING uuid`;

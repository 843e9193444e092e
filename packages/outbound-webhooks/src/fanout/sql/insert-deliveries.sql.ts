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
 * The short columns arrive as one array each and the bodies as plain
 * parameters of an ARRAY[...]: the server parses a tenth of the
 * placeholders of 13-column VALUES lists (about three quarters of their
 * CPU per row, measured), and no body is quoted into an array literal.
 *
 * Params: now twice (created_at, updated_at), arrays of uuid, company_uuid,
 * webhook_uuid, event_uuid, topic, next_attempt_at, lease_owner,
 * lease_expires_at (one element per row), then each row's body.
 */
export function insertDeliveriesPostgres(rowCount: number): string {
  const key = `postgres arrays ${rowCount}`;
  let text = recentTexts.get(key);
  if (text === undefined) {
    text = `
INSERT INTO webhook_deliveries (uuid, company_uuid, webhook_uuid, event_uuid,
  topic, status, body, attempt_count, next_attempt_at, lease_owner,
  lease_expires_at, created_at, updated_at)
SELECT r.uuid, r.company_uuid, r.webhook_uuid, r.event_uuid, r.topic,
  'PENDING', r.body, 0, r.next_attempt_at, r.lease_owner, r.lease_expires_at,
  ?::bigint, ?::bigint
FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
  ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[],
  ARRAY[${new Array<string>(rowCount).fill('?').join(', ')}]::text[])
  AS r(uuid, company_uuid, webhook_uuid, event_uuid, topic, next_attempt_at,
       lease_owner, lease_expires_at, body)
ON CONFLICT DO NOTHING
RETURNING uuid`;
    if (recentTexts.size >= TEXT_CACHE_SIZE) recentTexts.clear();
    recentTexts.set(key, text);
  }
  return text;
}

/**
 * Claims up to N due deliveries (SQLite).
 *
 * Locks: the whole database, for the duration of this one statement (SQLite
 * writers are serialized). SQLite serves one process, and a single
 * `UPDATE ... RETURNING` is atomic there, so two claims can never pick the
 * same row; no `SKIP LOCKED` is needed (nor exists).
 *
 * Params: lease_owner, lease_expires_at, next_attempt_at (= lease end),
 * updated_at (now), now, limit.
 */
export const CLAIM_DUE_DELIVERIES_SQLITE = `
UPDATE webhook_deliveries
SET lease_owner = ?, lease_expires_at = ?, next_attempt_at = ?, updated_at = ?
WHERE uuid IN (
  SELECT uuid FROM webhook_deliveries
  WHERE status = 'PENDING' AND next_attempt_at <= ?
  ORDER BY next_attempt_at
  LIMIT ?
)
RETURNING uuid, company_uuid, webhook_uuid, event_uuid, topic, body, attempt_count`;

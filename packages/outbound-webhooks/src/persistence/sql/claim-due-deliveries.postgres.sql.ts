/**
 * Claims up to N due deliveries for one dispatcher (PostgreSQL).
 *
 * Locks: the inner SELECT row-locks the due rows it picks, `FOR UPDATE SKIP
 * LOCKED`, so concurrent dispatchers each take different rows and never wait
 * on each other; the outer UPDATE stamps them with this claim's lease and
 * commits at once (autocommit), so no lock outlives the statement.
 *
 * Why `next_attempt_at = lease_expires_at`: a claimed row stays PENDING but
 * is not due until its lease ends, so a dispatcher that dies mid-request
 * loses nothing: the row simply becomes due again.
 *
 * Params: lease_owner, lease_expires_at, next_attempt_at (= lease end),
 * updated_at (now), now, limit.
 */
export const CLAIM_DUE_DELIVERIES_POSTGRES = `
UPDATE webhook_deliveries
SET lease_owner = ?, lease_expires_at = ?, next_attempt_at = ?, updated_at = ?
WHERE uuid IN (
  SELECT uuid FROM webhook_deliveries
  WHERE status = 'PENDING' AND next_attempt_at <= ?
  ORDER BY next_attempt_at
  LIMIT ?
  FOR UPDATE SKIP LOCKED
)
RETURNING uuid, company_uuid, webhook_uuid, event_uuid, topic, body, attempt_count`;

/**
 * Claims up to N due deliveries for one dispatcher (PostgreSQL), and reads
 * the sending columns of their webhooks in the same statement.
 *
 * Locks: the inner SELECT row-locks the due rows it picks, `FOR UPDATE SKIP
 * LOCKED`, so concurrent dispatchers each take different rows and never wait
 * on each other; the UPDATE stamps them with this claim's lease and commits
 * at once (autocommit), so no lock outlives the statement. The webhook rows
 * are only read (LEFT JOIN, no lock): a deleted webhook comes back as NULLs
 * and a disabled one with its status, and the dispatcher cancels those
 * deliveries instead of sending them.
 *
 * Rows come back in due order (the dispatcher starts them in that order).
 *
 * Why `next_attempt_at = lease_expires_at`: a claimed row stays PENDING but
 * is not due until its lease ends, so a dispatcher that dies mid-request
 * loses nothing: the row simply becomes due again.
 *
 * Params: lease_owner, lease_expires_at, next_attempt_at (= lease end),
 * updated_at (now), now, limit.
 */
export const CLAIM_DUE_DELIVERIES_POSTGRES = `
WITH claimed AS (
  UPDATE webhook_deliveries d
  SET lease_owner = ?, lease_expires_at = ?, next_attempt_at = ?, updated_at = ?
  FROM (
    SELECT uuid, next_attempt_at AS due_at FROM webhook_deliveries
    WHERE status = 'PENDING' AND next_attempt_at <= ?
    ORDER BY next_attempt_at
    LIMIT ?
    FOR UPDATE SKIP LOCKED
  ) due
  WHERE d.uuid = due.uuid
  RETURNING d.uuid, d.company_uuid, d.webhook_uuid, d.event_uuid, d.topic,
    d.body, d.attempt_count, due.due_at
)
SELECT c.uuid, c.company_uuid, c.webhook_uuid, c.event_uuid, c.topic, c.body,
  c.attempt_count, w.uuid AS w_uuid, w.url AS w_url, w.secret AS w_secret,
  w.previous_secret AS w_previous_secret,
  w.previous_secret_expires_at AS w_previous_secret_expires_at,
  w.status AS w_status, w.enabled AS w_enabled,
  w.retry_enabled AS w_retry_enabled, w.max_retries AS w_max_retries,
  w.retry_backoff_ms AS w_retry_backoff_ms
FROM claimed c LEFT JOIN webhook_webhooks w ON w.uuid = c.webhook_uuid
ORDER BY c.due_at, c.uuid`;

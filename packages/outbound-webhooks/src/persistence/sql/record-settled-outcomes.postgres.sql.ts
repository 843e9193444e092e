/**
 * Writes a whole batch of successes and hand-backs in ONE statement
 * (PostgreSQL): the attempts are inserted, the deliveries completed or
 * released, and the failure clock of the webhooks that just succeeded is
 * stopped. Batches with a failure take the transactional path instead.
 *
 * Locks: the batch's delivery rows and, only when they are failing, their
 * webhook rows, for this statement only (autocommit). A failing webhook row
 * locked elsewhere for update is skipped, never waited for: its clock stops
 * at its next success instead (the key-share locks of rows being inserted
 * for it do not count: the lock taken is the UPDATE's own, NO KEY).
 * `d.lease_owner = i.lease_owner` makes a row whose lease moved on a no-op,
 * so only the holder completes a delivery; RETURNING says which rows
 * changed.
 *
 * Per input row: status NULL keeps the status (a hand-back), attempt_inc is
 * 0 for a hand-back, next_attempt_at NULL keeps it, `released` keeps the
 * last status code and error, `delivered` stamps delivered_at.
 *
 * Params: the nine input arrays (uuid, lease_owner, status, attempt_inc,
 * next_attempt_at, status_code, last_error, delivered, released), the
 * twelve attempt arrays (as in insert-attempts), the succeeded webhook
 * uuids, delivered_at (now), updated_at (now).
 */
export const RECORD_SETTLED_OUTCOMES_POSTGRES = `
WITH input AS (
  SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[],
    ?::bigint[], ?::int[], ?::varchar[], ?::boolean[], ?::boolean[])
    AS i(uuid, lease_owner, status, attempt_inc, next_attempt_at,
         status_code, last_error, delivered, released)
),
attempts AS (
  INSERT INTO webhook_attempts (uuid, delivery_uuid, webhook_uuid,
    company_uuid, attempt_number, requested_at, duration_ms, succeeded,
    status_code, error_kind, error_message, response_body)
  SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],
    ?::varchar[], ?::int[], ?::bigint[], ?::int[], ?::boolean[], ?::int[],
    ?::varchar[], ?::varchar[], ?::text[])
),
cleared AS (
  UPDATE webhook_webhooks SET failing_since = NULL
  WHERE uuid IN (
    SELECT uuid FROM webhook_webhooks
    WHERE failing_since IS NOT NULL AND uuid = ANY(?::varchar[])
    FOR NO KEY UPDATE SKIP LOCKED
  )
)
UPDATE webhook_deliveries d
SET status = COALESCE(i.status, d.status),
    attempt_count = d.attempt_count + i.attempt_inc,
    next_attempt_at = COALESCE(i.next_attempt_at, d.next_attempt_at),
    last_status_code = CASE WHEN i.released THEN d.last_status_code
                            ELSE i.status_code END,
    last_error = CASE WHEN i.released THEN d.last_error ELSE i.last_error END,
    delivered_at = CASE WHEN i.delivered THEN ?::bigint
                        ELSE d.delivered_at END,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
FROM input i
WHERE d.uuid = i.uuid AND d.lease_owner = i.lease_owner
RETURNING d.uuid`;

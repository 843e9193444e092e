/**
 * After a failed attempt: schedules the retry (status PENDING, later
 * `next_attempt_at`) or ends the delivery (FAILED), and gives up the lease.
 *
 * Locks: that one row, for this statement only. `lease_owner = ?` makes it a
 * no-op unless this process still holds the lease.
 *
 * Params: status, next_attempt_at, last_status_code, last_error, updated_at,
 * uuid, lease_owner.
 */
export const RECORD_FAILED_ATTEMPT = `
UPDATE webhook_deliveries
SET status = ?, attempt_count = attempt_count + 1, next_attempt_at = ?,
    last_status_code = ?, last_error = ?,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
WHERE uuid = ? AND lease_owner = ?`;

/**
 * Puts a finished delivery (FAILED, CANCELLED or SUCCEEDED) back in the
 * queue, due now, for a manual resend. Its attempt history stays; the next
 * attempt continues the numbering.
 *
 * Locks: that one row, for this statement only. A PENDING row is left alone,
 * so a delivery that is being sent is never queued twice.
 *
 * Params: next_attempt_at (now), updated_at, uuid.
 */
export const REQUEUE_DELIVERY = `
UPDATE webhook_deliveries
SET status = 'PENDING', next_attempt_at = ?, delivered_at = NULL,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
WHERE uuid = ? AND status IN ('FAILED', 'CANCELLED', 'SUCCEEDED')`;

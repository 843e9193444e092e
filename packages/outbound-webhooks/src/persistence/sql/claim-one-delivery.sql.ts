/**
 * Claims one named delivery for an immediate attempt (send test event,
 * resend), on every dialect.
 *
 * Locks: that one row, for this statement only. The WHERE is re-checked on
 * the latest row version (PostgreSQL re-evaluates after the row lock, InnoDB
 * UPDATEs read the latest committed version), so it succeeds only if no one
 * holds a live lease: a delivery a dispatcher is sending right now is never
 * sent a second time in parallel. One row affected means claimed.
 *
 * Params: lease_owner, lease_expires_at, next_attempt_at (= lease end),
 * updated_at (now), uuid, now.
 */
export const CLAIM_ONE_DELIVERY = `
UPDATE webhook_deliveries
SET lease_owner = ?, lease_expires_at = ?, next_attempt_at = ?, updated_at = ?
WHERE uuid = ?
  AND status = 'PENDING'
  AND (lease_expires_at IS NULL OR lease_expires_at <= ?)`;

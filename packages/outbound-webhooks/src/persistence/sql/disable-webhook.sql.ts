/**
 * Disables one webhook at once, with a reason (the receiver answered 410
 * Gone).
 *
 * Locks: that webhook row, for this statement only.
 *
 * Params: disabled_reason, updated_at, uuid.
 */
export const DISABLE_WEBHOOK = `
UPDATE webhook_webhooks
SET status = 'DISABLED', disabled_reason = ?, updated_at = ?
WHERE uuid = ? AND status = 'ACTIVE'`;

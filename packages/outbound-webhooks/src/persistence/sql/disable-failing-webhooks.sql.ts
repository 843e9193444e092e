/**
 * Disables webhooks that have been failing, with no success, since at or
 * before the cut-off (`autoDisableAfterMs` ago), storing the reason.
 *
 * Locks: those webhook rows, for this statement only. `status = 'ACTIVE'`
 * keeps an already disabled webhook's first reason.
 *
 * Params: disabled_reason, updated_at, cut-off, then the webhook uuids.
 */
export function disableFailingWebhooks(inList: string): string {
  return `
UPDATE webhook_webhooks
SET status = 'DISABLED', disabled_reason = ?, updated_at = ?
WHERE status = 'ACTIVE' AND failing_since IS NOT NULL AND failing_since <= ?
  AND uuid IN (${inList})`;
}

/**
 * Cancels every PENDING delivery (scheduled retries included) of webhooks
 * that were just disabled. Rows another dispatcher is sending lose their
 * lease owner, so that dispatcher's completion becomes a no-op.
 *
 * Locks: the webhooks' pending rows (found through
 * `idx_webhook_deliveries_webhook`), for this statement only.
 *
 * Params: last_error (the reason), updated_at, then the webhook uuids.
 */
export function cancelWebhookDeliveries(inList: string): string {
  return `
UPDATE webhook_deliveries
SET status = 'CANCELLED', last_error = ?,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
WHERE status = 'PENDING' AND webhook_uuid IN (${inList})`;
}

/**
 * Stops the failure clock of webhooks that just had a successful delivery.
 *
 * Locks: those webhook rows, for this statement only; healthy webhooks
 * (`failing_since IS NULL`) are not written, so a busy webhook's row is not
 * rewritten after every success.
 *
 * Params: the webhook uuids.
 */
export function clearWebhooksFailing(inList: string): string {
  return `
UPDATE webhook_webhooks
SET failing_since = NULL
WHERE failing_since IS NOT NULL AND uuid IN (${inList})`;
}

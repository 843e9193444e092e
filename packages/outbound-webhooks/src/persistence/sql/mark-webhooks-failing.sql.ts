/**
 * Starts the failure clock of webhooks whose delivery just failed, unless it
 * already runs: `failing_since` is the first failure since the last success.
 *
 * Locks: those webhook rows, for this statement only (rows already failing
 * are not written).
 *
 * Params: failing_since (now), then the webhook uuids.
 */
export function markWebhooksFailing(inList: string): string {
  return `
UPDATE webhook_webhooks
SET failing_since = ?
WHERE failing_since IS NULL AND uuid IN (${inList})`;
}

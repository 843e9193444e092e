/**
 * Which of some webhooks are disabled now (after an auto-disable), so their
 * pending deliveries can be cancelled and the event logged.
 *
 * Locks: nothing; a plain read by primary key.
 *
 * Params: the webhook uuids.
 */
export function selectDisabledWebhooks(inList: string): string {
  return `
SELECT uuid, disabled_reason FROM webhook_webhooks
WHERE status = 'DISABLED' AND uuid IN (${inList})`;
}

/**
 * Reads deliveries held under one lease (after `claim-one-delivery`).
 *
 * Locks: nothing; a plain read of rows this process already leased.
 *
 * Params: lease_owner, then the uuids.
 */
export function selectLeasedDeliveries(inList: string): string {
  return `
SELECT uuid, company_uuid, webhook_uuid, event_uuid, topic, body, attempt_count
FROM webhook_deliveries
WHERE lease_owner = ? AND uuid IN (${inList})`;
}

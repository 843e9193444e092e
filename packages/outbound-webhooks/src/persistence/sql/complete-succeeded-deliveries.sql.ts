/**
 * Marks deliveries delivered, in one statement for a whole group of
 * successes that share a lease and a status code.
 *
 * Locks: those rows, for this statement only. `lease_owner = ?` makes it a
 * no-op for any row whose lease this process no longer holds (expired and
 * re-claimed, or cancelled), so only the holder completes a delivery.
 *
 * Params: last_status_code, delivered_at, updated_at, lease_owner, then the
 * uuids.
 */
export function completeSucceededDeliveries(inList: string): string {
  return `
UPDATE webhook_deliveries
SET status = 'SUCCEEDED', attempt_count = attempt_count + 1,
    last_status_code = ?, last_error = NULL, delivered_at = ?,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
WHERE lease_owner = ? AND uuid IN (${inList})`;
}

/**
 * Second half of a claim on MySQL/MariaDB: stamps the rows just locked by
 * `lock-due-deliveries` with this claim's lease, in the same transaction.
 *
 * Locks: only rows this transaction already holds, so it never waits.
 * `next_attempt_at` moves to the lease end: if the dispatcher dies, the
 * row becomes due again when the lease runs out.
 *
 * Params: lease_owner, lease_expires_at, next_attempt_at (= lease end),
 * updated_at (now), then the uuids.
 */
export function leaseLockedDeliveriesMysql(inList: string): string {
  return `
UPDATE webhook_deliveries
SET lease_owner = ?, lease_expires_at = ?, next_attempt_at = ?, updated_at = ?
WHERE uuid IN (${inList})`;
}

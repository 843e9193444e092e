/**
 * Hands claimed-but-unsent deliveries back at shutdown: due now, no lease,
 * attempt count unchanged, so another dispatcher picks them up at once
 * instead of after the lease.
 *
 * Locks: those rows, for this statement only; only rows still held under
 * this lease change.
 *
 * Params: next_attempt_at (now), updated_at, lease_owner, then the uuids.
 */
export function releaseDeliveries(inList: string): string {
  return `
UPDATE webhook_deliveries
SET lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = ?, updated_at = ?
WHERE lease_owner = ? AND uuid IN (${inList})`;
}

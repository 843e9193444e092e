/**
 * Cancels claimed deliveries whose webhook is gone, disabled or switched
 * off: checked right after the claim, so such a webhook gets nothing more.
 *
 * Locks: those rows, for this statement only; only rows still held under
 * this lease change.
 *
 * Params: last_error (the reason), updated_at, lease_owner, then the uuids.
 */
export function cancelLeasedDeliveries(inList: string): string {
  return `
UPDATE webhook_deliveries
SET status = 'CANCELLED', last_error = ?,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
WHERE lease_owner = ? AND status = 'PENDING' AND uuid IN (${inList})`;
}

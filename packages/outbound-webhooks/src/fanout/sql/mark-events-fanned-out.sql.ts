/**
 * Marks events as fanned out once their deliveries are stored, and drops
 * their lease.
 *
 * Locks: those event rows, for this statement.
 *
 * Params: the uuids.
 */
export function markEventsFannedOut(uuidPlaceholders: string): string {
  return `
UPDATE webhook_events SET fanned_out = TRUE, fanout_lease_until = NULL
WHERE uuid IN (${uuidPlaceholders})`;
}

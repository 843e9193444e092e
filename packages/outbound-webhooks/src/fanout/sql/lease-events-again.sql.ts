/**
 * Puts events back to wait for a later fan-out under a lease: those of a
 * one-transaction round whose body or match failed (marked fanned out by
 * their claim). Another try comes when the lease ends, as on the leased
 * path.
 *
 * Locks: those event rows, already locked by the round's claim.
 *
 * Params: lease end (epoch ms), then the uuids.
 */
export function leaseEventsAgain(uuidPlaceholders: string): string {
  return `
UPDATE webhook_events SET fanned_out = FALSE, fanout_lease_until = ?
WHERE uuid IN (${uuidPlaceholders})`;
}

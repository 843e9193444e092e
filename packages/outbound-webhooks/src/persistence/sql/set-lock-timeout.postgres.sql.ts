/**
 * Bounds how long the statements of the current transaction wait for a row
 * lock (PostgreSQL; ends with the transaction). A lock held elsewhere (a
 * host's transaction on a webhook row) then fails the write after `ms`
 * instead of holding it, and everything queued behind it, indefinitely.
 *
 * No params: SET takes none; `ms` is a whole number this module computes.
 */
export function setLockTimeoutPostgres(ms: number): string {
  return `SET LOCAL lock_timeout = ${Math.max(1, Math.round(ms))}`;
}

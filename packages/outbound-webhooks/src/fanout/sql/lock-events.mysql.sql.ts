import { CLAIMABLE_EVENT, CLAIMED_EVENT_COLUMNS } from './claimable-events.sql';

/**
 * First half of an event claim on MySQL/MariaDB (no UPDATE ... RETURNING):
 * selects and row-locks up to N events awaiting fan-out, inside a short
 * READ COMMITTED transaction.
 *
 * Locks: the picked rows, `FOR UPDATE SKIP LOCKED` (MariaDB 10.6+, MySQL
 * 8.0+), so concurrent fan-outs skip each other's events. Held until the
 * transaction commits: after `leaseLockedEventsMysql` on the leased path,
 * after the deliveries are stored and the events marked in a
 * one-transaction round.
 *
 * Params: now, limit.
 */
export const LOCK_EVENTS_MYSQL = `
SELECT ${CLAIMED_EVENT_COLUMNS}
FROM webhook_events
WHERE ${CLAIMABLE_EVENT}
ORDER BY created_at, uuid
LIMIT ?
FOR UPDATE SKIP LOCKED`;

/**
 * Second half of the MySQL claim: stamps the locked events with a lease.
 *
 * Locks: the same rows, already locked by LOCK_EVENTS_MYSQL.
 *
 * Params: lease end, then the uuids.
 */
export function leaseLockedEventsMysql(uuidPlaceholders: string): string {
  return `
UPDATE webhook_events SET fanout_lease_until = ?
WHERE uuid IN (${uuidPlaceholders})`;
}

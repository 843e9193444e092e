/**
 * First half of a claim on MySQL/MariaDB, which has no `UPDATE ... RETURNING`:
 * selects and row-locks up to N due deliveries inside a short READ COMMITTED
 * transaction.
 *
 * Locks: the picked rows (and their `idx_webhook_deliveries_due` entries),
 * `FOR UPDATE SKIP LOCKED` (MariaDB 10.6+, MySQL 8.0+), so concurrent
 * dispatchers skip each other's rows instead of waiting. READ COMMITTED keeps
 * InnoDB from adding gap locks that would block inserts by publishers. The
 * locks are held only until `lease-locked-deliveries` runs and the
 * transaction commits, never across HTTP.
 *
 * Params: now, limit.
 */
export const LOCK_DUE_DELIVERIES_MYSQL = `
SELECT uuid, company_uuid, webhook_uuid, event_uuid, topic, body, attempt_count
FROM webhook_deliveries
WHERE status = 'PENDING' AND next_attempt_at <= ?
ORDER BY next_attempt_at
LIMIT ?
FOR UPDATE SKIP LOCKED`;

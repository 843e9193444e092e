/**
 * Finds the events already stored under an idempotency key, in the
 * caller's transaction (so its own uncommitted rows count too).
 *
 * Locks: none (plain read; the unique index uq_webhook_events_idempotency
 * serves it).
 *
 * Params: company_uuid, idempotency_key.
 */
export const SELECT_EVENT_BY_IDEMPOTENCY_KEY = `
SELECT uuid, topic FROM webhook_events
WHERE company_uuid = ? AND idempotency_key = ?`;

/**
 * The same lookup as a locking read, for MySQL/MariaDB after the insert:
 * under REPEATABLE READ a plain read keeps the transaction's first snapshot
 * and would miss a row a concurrent transaction committed meanwhile; a
 * locking read sees the latest committed row.
 *
 * Locks: that one row, which the insert's duplicate-key handling already
 * locked for this transaction.
 *
 * Params: company_uuid, idempotency_key.
 */
export const LOCK_EVENT_BY_IDEMPOTENCY_KEY_MYSQL = `${SELECT_EVENT_BY_IDEMPOTENCY_KEY}
FOR UPDATE`;

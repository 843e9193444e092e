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

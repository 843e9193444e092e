/**
 * Claims up to N events awaiting fan-out and marks them fanned out in the
 * same statement (PostgreSQL), inside the transaction that then inserts
 * their deliveries: one row version per event, no lease. Used only when no
 * host code (relation loader, company provider) runs during the fan-out,
 * so the transaction stays short.
 *
 * Locks: the inner SELECT row-locks the events it picks `FOR UPDATE SKIP
 * LOCKED`, so concurrent fan-outs take different events without waiting;
 * the locks last until the transaction ends. Should it roll back (or the
 * process die), the events were never marked. Served by
 * idx_webhook_events_fanout.
 *
 * Params: now, limit.
 */
export const CLAIM_EVENTS_DONE_POSTGRES = `
UPDATE webhook_events
SET fanned_out = TRUE, fanout_lease_until = NULL
WHERE uuid IN (
  SELECT uuid FROM webhook_events
  WHERE fanned_out = FALSE
    AND (fanout_lease_until IS NULL OR fanout_lease_until <= ?)
  ORDER BY created_at, uuid
  LIMIT ?
  FOR UPDATE SKIP LOCKED
)
RETURNING uuid, company_uuid, topic, payload, created_at`;

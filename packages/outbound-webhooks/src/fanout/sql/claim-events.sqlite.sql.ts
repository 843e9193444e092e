/**
 * Claims up to N events awaiting fan-out (SQLite).
 *
 * Locks: the database, for this one statement (SQLite serializes writers),
 * so two claims can never pick the same event; no SKIP LOCKED is needed.
 *
 * Params: lease end (epoch ms), now, limit.
 */
export const CLAIM_EVENTS_SQLITE = `
UPDATE webhook_events
SET fanout_lease_until = ?
WHERE uuid IN (
  SELECT uuid FROM webhook_events
  WHERE fanned_out = FALSE
    AND (fanout_lease_until IS NULL OR fanout_lease_until <= ?)
  ORDER BY created_at, uuid
  LIMIT ?
)
RETURNING uuid, company_uuid, topic, payload, created_at`;

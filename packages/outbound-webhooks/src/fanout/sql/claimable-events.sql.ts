/**
 * The events awaiting fan-out: not fanned out, and no lease running (a
 * lease ends at `fanout_lease_until`). Served by idx_webhook_events_fanout.
 *
 * Params: now.
 */
export const CLAIMABLE_EVENT = `fanned_out = FALSE
    AND (fanout_lease_until IS NULL OR fanout_lease_until <= ?)`;

/** What a claim returns of each event. */
export const CLAIMED_EVENT_COLUMNS =
  'uuid, company_uuid, topic, payload, created_at';

/**
 * A claim in one statement: `set` applied to up to N of the oldest
 * claimable events, which it returns; picked `FOR UPDATE SKIP LOCKED` when
 * `skipLocked` (PostgreSQL), so concurrent claims take different events
 * without waiting.
 *
 * Params: those of `set`, then now, limit.
 */
export function claimEvents(set: string, skipLocked: boolean): string {
  return `
UPDATE webhook_events
SET ${set}
WHERE uuid IN (
  SELECT uuid FROM webhook_events
  WHERE ${CLAIMABLE_EVENT}
  ORDER BY created_at, uuid
  LIMIT ?${skipLocked ? '\n  FOR UPDATE SKIP LOCKED' : ''}
)
RETURNING ${CLAIMED_EVENT_COLUMNS}`;
}

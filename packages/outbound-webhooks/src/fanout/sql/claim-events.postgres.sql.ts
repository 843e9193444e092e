import { claimEvents } from './claimable-events.sql';

/**
 * Claims up to N events awaiting fan-out for one process (PostgreSQL).
 *
 * Locks: the inner SELECT row-locks the events it picks `FOR UPDATE SKIP
 * LOCKED`, so concurrent fan-outs take different events without waiting;
 * the UPDATE stamps a lease and commits at once (autocommit), so no lock is
 * held while the host's relation loader runs. An event whose process died is
 * claimable again when its lease ends. Served by idx_webhook_events_fanout.
 *
 * Params: lease end (epoch ms), now, limit.
 */
export const CLAIM_EVENTS_POSTGRES = claimEvents(
  'fanout_lease_until = ?',
  true,
);

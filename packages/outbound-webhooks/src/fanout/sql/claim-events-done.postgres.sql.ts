import { claimEvents } from './claimable-events.sql';

/**
 * Claims up to N events awaiting fan-out and marks them fanned out in the
 * same statement (PostgreSQL), inside the transaction that then inserts
 * their deliveries: one row version per event, no lease. Used only when no
 * host code (relation loader, company provider, custom format) runs during
 * the fan-out, so the transaction stays short.
 *
 * Locks: the inner SELECT row-locks the events it picks `FOR UPDATE SKIP
 * LOCKED`, so concurrent fan-outs take different events without waiting;
 * the locks last until the transaction ends. Should it roll back (or the
 * process die), the events were never marked. Served by
 * idx_webhook_events_fanout.
 *
 * Params: now, limit.
 */
export const CLAIM_EVENTS_DONE_POSTGRES = claimEvents(
  'fanned_out = TRUE, fanout_lease_until = NULL',
  true,
);

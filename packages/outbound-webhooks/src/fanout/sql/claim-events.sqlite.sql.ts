import { claimEvents } from './claimable-events.sql';

/**
 * Claims up to N events awaiting fan-out (SQLite).
 *
 * Locks: the database, for this one statement (SQLite serializes writers),
 * so two claims can never pick the same event; no SKIP LOCKED is needed.
 *
 * Params: lease end (epoch ms), now, limit.
 */
export const CLAIM_EVENTS_SQLITE = claimEvents('fanout_lease_until = ?', false);

import { CLAIMABLE_EVENT } from './claimable-events.sql';

/**
 * Whether any event awaits fan-out (not fanned out, no running lease): the
 * one statement an idle process's round sends before it would open a
 * transaction to claim. Served by idx_webhook_events_fanout.
 *
 * Locks: none (a plain read).
 *
 * Params: now.
 */
export const ANY_CLAIMABLE_EVENT = `
SELECT uuid FROM webhook_events
WHERE ${CLAIMABLE_EVENT}
LIMIT 1`;

import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import type { WebhookHttpResult } from './webhook-http-exchange.interface';

/**
 * What an attempt means for its delivery:
 * - `SUCCEEDED`: 2xx, delivered;
 * - `RETRY`: failed, another attempt is scheduled at `nextAttemptAt`;
 * - `FAILED`: failed, no attempt left (or retries disabled);
 * - `GONE`: the receiver answered 410: the webhook is disabled;
 * - `RELEASED`: not sent (shutdown): the claim is handed back, no attempt.
 */
export type DeliveryVerdict =
  'SUCCEEDED' | 'RETRY' | 'FAILED' | 'GONE' | 'RELEASED';

/** One attempt's result and what it decides, ready to be written. */
export interface DeliveryOutcome {
  delivery: ClaimedDelivery;
  /** 1 for the first attempt. */
  attemptNumber: number;
  /** Null for `RELEASED` (nothing was sent). */
  result: WebhookHttpResult | null;
  verdict: DeliveryVerdict;
  /** When the next attempt is due (`RETRY` only). */
  nextAttemptAt: number | null;
  /** Short reason kept on the delivery; null on success. */
  lastError: string | null;
}

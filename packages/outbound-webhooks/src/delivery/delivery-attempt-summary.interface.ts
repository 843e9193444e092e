import type { AttemptErrorKind } from '../entities/webhook-attempt.entity';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';

/** The result of `WebhookDeliveryService.deliverNow()`. */
export interface DeliveryAttemptSummary {
  deliveryUuid: string;
  /** Null when the delivery was cancelled instead of sent. */
  attemptNumber: number | null;
  /** The delivery's status after this attempt. */
  deliveryStatus: DeliveryStatus;
  succeeded: boolean;
  statusCode: number | null;
  errorKind: AttemptErrorKind | null;
  errorMessage: string | null;
  /** Epoch ms. */
  requestedAt: number | null;
  durationMs: number | null;
  /** The response body, cut at the module's cap. */
  responseBody: string | null;
  /** When the next attempt is due, if one is scheduled (epoch ms). */
  nextAttemptAt: number | null;
}

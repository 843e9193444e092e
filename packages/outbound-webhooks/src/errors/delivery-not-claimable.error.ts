import type { DeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhooksError } from './webhooks.error';

/**
 * A delivery cannot be attempted now: it is finished (re-queue it first) or
 * another worker holds its lease (wait for that attempt to end).
 */
export class DeliveryNotClaimableError extends WebhooksError {
  constructor(
    readonly deliveryUuid: string,
    readonly status: DeliveryStatus,
  ) {
    super(
      status === 'PENDING'
        ? `Delivery ${deliveryUuid} is being attempted right now by a dispatcher; try again when that attempt has ended.`
        : `Delivery ${deliveryUuid} is ${status}; re-queue it (resend) before attempting it again.`,
    );
  }
}

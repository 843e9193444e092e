import { WebhooksError } from './webhooks.error';

/** No delivery has this uuid. */
export class DeliveryNotFoundError extends WebhooksError {
  constructor(readonly deliveryUuid: string) {
    super(
      `Delivery ${deliveryUuid} does not exist; list a webhook's deliveries to find a valid uuid.`,
    );
  }
}

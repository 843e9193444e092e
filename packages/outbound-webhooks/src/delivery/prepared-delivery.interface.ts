import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import type { DeliveryWebhook } from './delivery-webhook.interface';

/** A claimed delivery whose webhook may still receive it. */
export interface PreparedDelivery {
  delivery: ClaimedDelivery;
  webhook: DeliveryWebhook;
}

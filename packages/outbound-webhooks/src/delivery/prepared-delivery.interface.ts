import type { WebhookEntity } from '../entities/webhook.entity';
import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';

/** A claimed delivery whose webhook may still receive it. */
export interface PreparedDelivery {
  delivery: ClaimedDelivery;
  webhook: WebhookEntity;
}

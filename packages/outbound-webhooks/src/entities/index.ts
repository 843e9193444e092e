import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEventEntity } from './webhook-event.entity';
import { WebhookEntity } from './webhook.entity';

export * from './webhook-attempt.entity';
export * from './webhook-delivery.entity';
export * from './webhook-event.entity';
export * from './webhook.entity';

/** Every entity of the module: add them to the host's DataSource. */
export const WEBHOOK_ENTITIES = [
  WebhookEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];

import type { Provider } from '@nestjs/common';
import { DeliveryOutcomeWriter } from './delivery-outcome.writer';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** Providers of this area, registered by `WebhooksModule`. */
export const PERSISTENCE_PROVIDERS: Provider[] = [
  WebhookDeliveryRepository,
  DeliveryOutcomeWriter,
];

/** The providers of this area that hosts may inject. */
export const PERSISTENCE_EXPORTS: Provider[] = [];

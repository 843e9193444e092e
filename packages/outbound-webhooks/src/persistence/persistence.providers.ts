import type { Provider } from '@nestjs/common';
import { DeliveryOutcomeWriter } from './delivery-outcome.writer';
import { PacketSizeCheck } from './packet-size.check';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** Providers of this area, registered by `WebhooksModule`. */
export const PERSISTENCE_PROVIDERS: Provider[] = [
  WebhookDeliveryRepository,
  DeliveryOutcomeWriter,
  PacketSizeCheck,
];

/** The providers of this area that hosts may inject. */
export const PERSISTENCE_EXPORTS: Provider[] = [];

import type { Provider } from '@nestjs/common';
import { DeliveryAttemptRunner } from './delivery-attempt.runner';
import { DeliveryOutcomeRecorder } from './delivery-outcome.recorder';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookHttpClient } from './webhook-http.client';

/** Providers of this area, registered by `WebhooksModule`. */
export const DELIVERY_PROVIDERS: Provider[] = [
  WebhookHttpClient,
  DeliveryAttemptRunner,
  DeliveryOutcomeRecorder,
  WebhookDeliveryService,
];

/** The providers of this area that hosts may inject. */
export const DELIVERY_EXPORTS: Provider[] = [WebhookDeliveryService];

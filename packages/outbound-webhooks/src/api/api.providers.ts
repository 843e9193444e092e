import type { Provider } from '@nestjs/common';
import { WebhooksAuthGuard } from './http/webhooks-auth.guard';
import { WebhookDeliveryQueryService } from './services/webhook-delivery-query.service';
import { WebhookInputValidator } from './services/webhook-input.validator';
import { WebhookManagementService } from './services/webhook-management.service';
import { WebhookTestEventService } from './services/webhook-test-event.service';

/** Providers of this area, registered by `WebhooksModule`. */
export const API_PROVIDERS: Provider[] = [
  WebhooksAuthGuard,
  WebhookInputValidator,
  WebhookManagementService,
  WebhookDeliveryQueryService,
  WebhookTestEventService,
];

/** The providers of this area that hosts may inject. */
export const API_EXPORTS: Provider[] = [WebhookManagementService];

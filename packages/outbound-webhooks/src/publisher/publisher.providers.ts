import type { Provider } from '@nestjs/common';
import { WebhookFanOutService } from '../fanout/webhook-fan-out.service';
import { WebhookPublishNotifier } from './webhook-publish.notifier';
import { WebhookPublisher } from './webhook.publisher';

/** Providers of this area, registered by `WebhooksModule`. */
export const PUBLISHER_PROVIDERS: Provider[] = [
  WebhookPublishNotifier,
  WebhookPublisher,
  WebhookFanOutService,
];

/** The providers of this area that hosts may inject. */
export const PUBLISHER_EXPORTS: Provider[] = [
  WebhookPublishNotifier,
  WebhookPublisher,
  WebhookFanOutService,
];

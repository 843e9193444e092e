import type { Provider } from '@nestjs/common';
import { WebhookTopicCatalogue } from './webhook-topic.catalogue';

/** Providers of this area, registered by `WebhooksModule`. */
export const TOPICS_PROVIDERS: Provider[] = [WebhookTopicCatalogue];

/** The providers of this area that hosts may inject. */
export const TOPICS_EXPORTS: Provider[] = [WebhookTopicCatalogue];

import type { Provider } from '@nestjs/common';
import { WebhookFormatRegistry } from './webhook-format.registry';

/** Providers of this area, registered by `WebhooksModule`. */
export const FORMATTERS_PROVIDERS: Provider[] = [WebhookFormatRegistry];

/** The providers of this area that hosts may inject. */
export const FORMATTERS_EXPORTS: Provider[] = [WebhookFormatRegistry];

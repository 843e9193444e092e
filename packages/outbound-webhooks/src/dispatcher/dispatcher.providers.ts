import type { Provider } from '@nestjs/common';
import { WebhookDispatcher } from './webhook.dispatcher';

/** Providers of this area, registered by `WebhooksModule`. */
export const DISPATCHER_PROVIDERS: Provider[] = [WebhookDispatcher];

/** The providers of this area that hosts may inject. */
export const DISPATCHER_EXPORTS: Provider[] = [WebhookDispatcher];

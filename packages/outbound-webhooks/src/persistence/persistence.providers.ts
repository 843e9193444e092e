import type { Provider } from '@nestjs/common';

/** Providers of this area, registered by `WebhooksModule`. */
export const PERSISTENCE_PROVIDERS: Provider[] = [];

/** The providers of this area that hosts may inject. */
export const PERSISTENCE_EXPORTS: Provider[] = [];

import type { Provider } from '@nestjs/common';

/** Providers of this area, registered by `WebhooksModule`. */
export const SECURITY_PROVIDERS: Provider[] = [];

/** The providers of this area that hosts may inject. */
export const SECURITY_EXPORTS: Provider[] = [];

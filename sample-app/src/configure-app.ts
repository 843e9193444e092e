import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountOpenApi } from './openapi/mount-openapi';

/** Largest JSON request body the sample accepts. */
export const MAX_JSON_BODY = '2mb';

/**
 * What `main.ts` does to the application before it listens, shared with the
 * e2e tests so that they test the same app.
 */
export function configureApp(app: NestExpressApplication): void {
  // Lets the webhook dispatcher finish in-flight deliveries on SIGTERM/SIGINT.
  app.enableShutdownHooks();
  app.useBodyParser('json', { limit: MAX_JSON_BODY });
  mountOpenApi(app);
}

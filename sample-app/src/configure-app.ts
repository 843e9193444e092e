import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import {
  WEBHOOKS_DEFAULT_API_PREFIX,
  WEBHOOKS_REQUEST_BODY_MAX_BYTES,
  webhooksBodyParserErrorHandler,
} from 'nestjs-outbound-webhooks';
import { mountOpenApi } from './openapi/mount-openapi';

/** Largest JSON request body the sample's own routes (records, forms) accept. */
export const MAX_JSON_BODY = '2mb';

/**
 * Options to create the sample app with: Nest's body parsers are off, because
 * `configureApp` registers its own, with one limit per route prefix.
 */
export const SAMPLE_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Where the webhooks REST API is mounted (the module's default prefix). */
export const WEBHOOKS_API_PATH = `/${WEBHOOKS_DEFAULT_API_PREFIX}`;

/**
 * What `main.ts` does to the application before it listens, shared with the
 * e2e tests so that they test the same app. Create the app with
 * `SAMPLE_APP_OPTIONS`.
 */
export function configureApp(app: NestExpressApplication): void {
  // Lets the webhook dispatcher finish in-flight deliveries on SIGTERM/SIGINT.
  app.enableShutdownHooks();
  // The webhook routes keep the module's limit (README, security). Mounted
  // first: a body read here is marked as read, so the general parsers skip it.
  // JSON only, as the APIs document: a form-encoded body stays unparsed and
  // fails validation instead of being read as fields.
  app.use(WEBHOOKS_API_PATH, json({ limit: WEBHOOKS_REQUEST_BODY_MAX_BYTES }));
  app.use(json({ limit: MAX_JSON_BODY }));
  // Malformed or oversized bodies, on every route, as the error envelope.
  app.use(webhooksBodyParserErrorHandler);
  mountOpenApi(app);
}

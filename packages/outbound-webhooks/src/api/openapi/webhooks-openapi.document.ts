import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { WebhooksModule } from '../../webhooks.module';
import { WEBHOOKS_PACKAGE_VERSION } from '../../webhooks.constants';

/** Options of `buildWebhooksOpenApiDocument`. */
export interface WebhooksOpenApiOptions {
  /** Default "Webhooks API". */
  title?: string;
  /** Default the package version. */
  version?: string;
  /** Default a one-paragraph description of auth and envelopes. */
  description?: string;
}

const DESCRIPTION =
  'Manage outbound webhooks. Authenticate with `Authorization: Bearer <token>`; ' +
  '`X-Caraer-Company-Uuid` selects the company (default: your default company). ' +
  'Success: `{ message: "Success", data }` with status 200 (creation too); lists: ' +
  '`{ message, data, total, page, perPage, lastPage }`; errors: ' +
  '`{ message, status, errors: [{ type, message, field?, correctionSuggestion? }], requestId }`. ' +
  'Unknown request fields are rejected with a 400.';

/**
 * The OpenAPI document of the webhooks REST API alone (the host's other
 * routes are left out), for `SwaggerModule.setup()` or a JSON file:
 *
 * ```ts
 * const document = buildWebhooksOpenApiDocument(app);
 * SwaggerModule.setup('api/docs', app, document);
 * ```
 *
 * Call it once the application is created, before or after `listen()`.
 */
export function buildWebhooksOpenApiDocument(
  app: INestApplication,
  options: WebhooksOpenApiOptions = {},
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title ?? 'Webhooks API')
    .setVersion(options.version ?? WEBHOOKS_PACKAGE_VERSION)
    .setDescription(options.description ?? DESCRIPTION)
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    include: [WebhooksModule],
  });
}

import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildWebhooksOpenApiDocument } from 'nestjs-outbound-webhooks';

/** Where the OpenAPI UI is served; the JSON is at `/api/docs-json`. */
export const OPENAPI_PATH = 'api/docs';

/** Serves the OpenAPI document of the webhooks REST API at `/api/docs`. */
export function mountOpenApi(app: INestApplication): void {
  // Built on first request, once every module's routes are known.
  SwaggerModule.setup(OPENAPI_PATH, app, () =>
    buildWebhooksOpenApiDocument(app, {
      title: 'Webhooks API (nestjs-outbound-webhooks sample app)',
    }),
  );
}

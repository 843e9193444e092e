import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the OpenAPI UI is served; the JSON is at `/api/docs-json`. */
export const OPENAPI_PATH = 'api/docs';

/**
 * Serves the OpenAPI document of every mounted controller (the webhooks
 * module documents its own with `@nestjs/swagger`) at `/api/docs`.
 */
export function mountOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('nestjs-outbound-webhooks sample app')
    .setDescription(
      'The webhooks REST API mounted by WebhooksModule, and the sample records API that publishes events.',
    )
    .addBearerAuth()
    .build();
  SwaggerModule.setup(OPENAPI_PATH, app, () =>
    SwaggerModule.createDocument(app, config),
  );
}

import type { INestApplication } from '@nestjs/common';

/** Serves the OpenAPI document of the webhooks API at `/api/docs`. */
export function mountOpenApi(_app: INestApplication): void {
  // TODO(#6): mount the document once the REST API exports its helper — it has not landed yet.
}

import type { Type } from '@nestjs/common';

/**
 * The REST controllers, mounted under `prefix` (default `api/v2/webhooks`).
 * Called once per `forRoot()`.
 */
export function createWebhooksControllers(_prefix: string): Type[] {
  return [];
}

import { Controller } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { WebhookDeliveriesController } from './controllers/webhook-deliveries.controller';
import { WebhookOperationsController } from './controllers/webhook-operations.controller';
import { WebhooksCatalogueController } from './controllers/webhooks-catalogue.controller';
import { WebhooksFallbackController } from './controllers/webhooks-fallback.controller';
import { WebhooksController } from './controllers/webhooks.controller';

/**
 * In registration order: static routes (`/me`, `/formats`, `/events`)
 * first so `/{uuid}` never captures them, the catch-all 404 last.
 */
const BASES: Type[] = [
  WebhooksCatalogueController,
  WebhooksController,
  WebhookDeliveriesController,
  WebhookOperationsController,
  WebhooksFallbackController,
];

/**
 * The REST controllers, mounted under `prefix` (default `api/v2/webhooks`).
 * Called once per `forRoot()`: each call derives fresh subclasses carrying
 * their own route prefix, so two module instances may use two prefixes.
 */
export function createWebhooksControllers(prefix: string): Type[] {
  const path = prefix.replace(/^\/+|\/+$/g, '');
  return BASES.map((Base) => {
    const Mounted = class extends Base {};
    Object.defineProperty(Mounted, 'name', { value: Base.name });
    Controller(path)(Mounted);
    return Mounted;
  });
}

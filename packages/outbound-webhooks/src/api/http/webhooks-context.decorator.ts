import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type {
  WebhooksHttpRequest,
  WebhooksRequestContext,
} from './webhooks-http-request.interface';

/**
 * Injects the `WebhooksRequestContext` (principal and selected company) that
 * `WebhooksAuthGuard` put on the request.
 */
export const WebhooksContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): WebhooksRequestContext => {
    const request = ctx.switchToHttp().getRequest<WebhooksHttpRequest>();
    if (!request.webhooksContext) {
      // Only reachable if a route forgets the guard: fail closed.
      throw new Error('WebhooksAuthGuard did not run for this route.');
    }
    return request.webhooksContext;
  },
);

import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { WebhooksAuthGuard } from './webhooks-auth.guard';
import { WebhooksExceptionFilter } from './webhooks-exception.filter';

/**
 * What every webhooks controller shares: the auth guard, the error envelope
 * filter (scoped here, never global) and the OpenAPI tags. The route prefix
 * is set per `forRoot()` by `createWebhooksControllers`.
 */
export function WebhooksApiController(): ClassDecorator {
  return applyDecorators(
    UseGuards(WebhooksAuthGuard),
    UseFilters(WebhooksExceptionFilter),
    ApiTags('webhooks'),
    ApiBearerAuth(),
    ApiHeader({
      name: 'X-Caraer-Company-Uuid',
      required: false,
      description:
        "Which of the caller's companies the request acts for; default the caller's default company.",
    }),
  );
}

import { All, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiRequestError } from '../errors/api-request.error';
import { WebhooksExceptionFilter } from '../http/webhooks-exception.filter';

/**
 * Answers any other path under the prefix with a 404 in the API's error
 * envelope, instead of the host's default. Registered last.
 */
@UseFilters(WebhooksExceptionFilter)
@ApiExcludeController()
export class WebhooksFallbackController {
  @All('{*path}')
  notFound(): never {
    throw new ApiRequestError(404, 'Not found', [
      {
        type: 'NOT_FOUND',
        message: 'No webhooks API endpoint has this method and path.',
        correctionSuggestion:
          'See the OpenAPI document for the endpoints and their methods.',
      },
    ]);
  }
}

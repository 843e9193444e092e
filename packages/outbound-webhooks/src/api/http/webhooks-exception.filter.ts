import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { WebhookValidationError } from '../../errors/webhook-validation.error';
import type {
  ApiErrorEntry,
  ApiErrorType,
} from '../errors/api-error-entry.interface';
import { ApiRequestError } from '../errors/api-request.error';
import { requestIdOf } from './request-id';
import type {
  WebhooksHttpRequest,
  WebhooksHttpResponse,
} from './webhooks-http-request.interface';

/** The error envelope of SPEC 8.1. */
export interface ErrorEnvelope {
  message: string;
  status: number;
  errors: ApiErrorEntry[];
  requestId: string;
}

function typeForStatus(status: number): ApiErrorType {
  if (status === 404) return 'NOT_FOUND';
  if (status === 400 || status === 422) return 'VALIDATION';
  return 'GENERAL';
}

function httpExceptionMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

/**
 * Renders every error of the webhooks controllers as the SPEC's envelope.
 * Scoped to those controllers, so the host's other routes keep their own
 * error format. Anything unexpected becomes a bare 500: its message, stack,
 * SQL or parameters are never sent, and only its class name is logged
 * (a driver error may quote parameters, secrets among them).
 */
// Malformed JSON and bodies over the body-parser limit are refused before
// routing, out of this filter's reach: `webhooksBodyParserErrorHandler`
// answers them in the same envelope when the host mounts it.
/** Most entries one error envelope lists. */
const MAX_ERROR_ENTRIES = 50;

/**
 * The first entries and a note of how many more: a small body with
 * thousands of unknown keys must not earn a response a hundred times its
 * size.
 */
function capped(errors: ApiErrorEntry[]): ApiErrorEntry[] {
  if (errors.length <= MAX_ERROR_ENTRIES) return errors;
  const left = errors.length - (MAX_ERROR_ENTRIES - 1);
  return [
    ...errors.slice(0, MAX_ERROR_ENTRIES - 1),
    {
      type: 'GENERAL',
      message: `${left} more errors are not listed.`,
      correctionSuggestion:
        'Fix the errors above and send the request again to see the rest.',
    },
  ];
}

@Catch()
export class WebhooksExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(WebhooksExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<WebhooksHttpRequest>();
    const response = http.getResponse<WebhooksHttpResponse>();
    const requestId = requestIdOf(request);
    const envelope = this.toEnvelope(exception, requestId);
    if (response.headersSent) return;
    response.setHeader('x-request-id', requestId);
    response.status(envelope.status).json(envelope);
  }

  private toEnvelope(exception: unknown, requestId: string): ErrorEnvelope {
    if (exception instanceof ApiRequestError) {
      return {
        message: exception.message,
        status: exception.status,
        errors: capped(exception.errors),
        requestId,
      };
    }
    if (exception instanceof WebhookValidationError) {
      return {
        message: 'Invalid request',
        status: 400,
        errors: [
          {
            type: exception.type,
            message: exception.message,
            field: exception.field,
            correctionSuggestion: exception.correctionSuggestion,
          },
        ],
        requestId,
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const message = httpExceptionMessage(exception);
      return {
        message,
        status,
        errors: [{ type: typeForStatus(status), message }],
        requestId,
      };
    }
    const name =
      exception instanceof Error ? exception.constructor.name : 'non-error';
    this.logger.error(`Unexpected ${name} (requestId ${requestId})`);
    return {
      message: 'Internal server error',
      status: 500,
      errors: [
        {
          type: 'INTERNAL_SERVER_ERROR',
          message: 'The request failed because of an unexpected error.',
          correctionSuggestion: `Retry later; if it persists, report requestId ${requestId} to the operator.`,
        },
      ],
      requestId,
    };
  }
}

import type { ErrorEnvelope } from './webhooks-exception.filter';
import { requestIdOf } from './request-id';
import type {
  WebhooksHttpRequest,
  WebhooksHttpResponse,
} from './webhooks-http-request.interface';

/** What body-parser attaches to the errors it raises (http-errors). */
interface BodyParserError {
  status: number;
  /** e.g. `entity.too.large`; absent when decompressing failed. */
  type?: string;
  /** Set by http-errors on client errors meant to be shown. */
  expose?: boolean;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type, expose } = error as Partial<BodyParserError>;
  return (
    (typeof type === 'string' || expose === true) &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

function describeRefusal(error: BodyParserError): {
  message: string;
  correctionSuggestion: string;
} {
  if (error.type === 'entity.too.large') {
    return {
      message: `The request body is larger than ${error.limit ?? 'the limit of'} bytes.`,
      correctionSuggestion:
        'Send a smaller body; store large content elsewhere and send a link.',
    };
  }
  if (error.type === 'entity.parse.failed') {
    return {
      message: 'The request body is not valid JSON, or not a JSON object.',
      correctionSuggestion:
        'Send a well-formed JSON object with Content-Type: application/json.',
    };
  }
  return {
    message: 'The request body cannot be read.',
    correctionSuggestion:
      'Send an uncompressed or gzip/deflate/br UTF-8 JSON body.',
  };
}

/**
 * An Express error handler for the host to mount right after its body
 * parsers: what they refuse (malformed JSON, a body over the limit, an
 * unknown encoding) is answered in the SPEC's error envelope instead of
 * Nest's default `{ statusCode, message }`. Body parsers run before routing,
 * where the module's own exception filter cannot reach, so this is opt-in:
 * `app.use(webhooksBodyParserErrorHandler)`. Any other error goes on.
 */
export function webhooksBodyParserErrorHandler(
  error: unknown,
  request: WebhooksHttpRequest,
  response: WebhooksHttpResponse,
  next: (error?: unknown) => void,
): void {
  if (!isBodyParserError(error) || response.headersSent) {
    next(error);
    return;
  }
  const requestId = requestIdOf(request);
  const { message, correctionSuggestion } = describeRefusal(error);
  const envelope: ErrorEnvelope = {
    message,
    status: error.status,
    errors: [{ type: 'VALIDATION', message, correctionSuggestion }],
    requestId,
  };
  response.setHeader('x-request-id', requestId);
  response.status(error.status).json(envelope);
}

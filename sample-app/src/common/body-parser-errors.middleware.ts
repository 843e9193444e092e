import type { NextFunction, Request, Response } from 'express';
import type { ErrorEnvelope } from './error-envelope.interface';
import { requestIdOf } from './request-id';

/** What body-parser attaches to the errors it raises (http-errors). */
interface BodyParserError {
  status: number;
  type: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type } = error as Partial<BodyParserError>;
  return (
    typeof type === 'string' &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

function describe(error: BodyParserError): {
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
      message: 'The request body is not valid JSON.',
      correctionSuggestion:
        'Send a well-formed JSON document with Content-Type: application/json.',
    };
  }
  return {
    message: 'The request body cannot be read.',
    correctionSuggestion:
      'Send an uncompressed or gzip/deflate/br UTF-8 JSON body.',
  };
}

/**
 * Express error handler mounted right after the body parsers: renders what
 * they refuse (malformed JSON, a body over the limit, an unknown encoding)
 * as the platform's error envelope instead of Nest's default
 * `{ statusCode, message }`. Any other error goes on to Nest.
 */
export function bodyParserErrorsMiddleware(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (!isBodyParserError(error) || response.headersSent) {
    next(error);
    return;
  }
  const requestId = requestIdOf(request);
  const { message, correctionSuggestion } = describe(error);
  const body: ErrorEnvelope = {
    message,
    status: error.status,
    errors: [{ type: 'VALIDATION', message, correctionSuggestion }],
    requestId,
  };
  response.setHeader('x-request-id', requestId);
  response.status(error.status).json(body);
}

import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type {
  ApiErrorItem,
  ApiErrorType,
  ErrorEnvelope,
} from './error-envelope.interface';
import { InvalidInputError } from './invalid-input.error';
import { describeLibraryInputError } from './library-error.mapper';
import { requestIdOf } from './request-id';

const TYPE_BY_STATUS: Record<number, ApiErrorType> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
};

/**
 * Turns whatever a records or forms handler throws into the platform's
 * error envelope. Unexpected errors become a 500 that shows nothing of the
 * cause (no SQL, no stack); the cause is logged with the request id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = requestIdOf(request);
    const { status, item } = this.describe(exception, requestId);
    const body: ErrorEnvelope = {
      message: item.message,
      status,
      errors: [item],
      requestId,
    };
    response.status(status).json(body);
  }

  private describe(
    exception: unknown,
    requestId: string,
  ): { status: number; item: ApiErrorItem } {
    if (exception instanceof InvalidInputError) {
      const { field, correctionSuggestion, type } = exception.details;
      return {
        status: HttpStatus.BAD_REQUEST,
        item: {
          type: type ?? 'VALIDATION',
          message: exception.message,
          ...(field ? { field } : {}),
          ...(correctionSuggestion ? { correctionSuggestion } : {}),
        },
      };
    }
    const libraryItem = describeLibraryInputError(exception);
    if (libraryItem) {
      // The write was rolled back with the event it could not publish.
      return { status: HttpStatus.BAD_REQUEST, item: libraryItem };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        item: {
          type: TYPE_BY_STATUS[status] ?? 'GENERAL',
          message: exception.message,
        },
      };
    }
    this.logger.error(
      `request ${requestId} failed`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      item: {
        type: 'INTERNAL_SERVER_ERROR',
        message: 'Internal server error',
      },
    };
  }
}

import type { ApiErrorEntry } from './api-error-entry.interface';
import { ApiRequestError } from './api-request.error';

/** A request body, query or path value fails validation (400). */
export class InvalidRequestError extends ApiRequestError {
  constructor(errors: ApiErrorEntry[], message = 'Invalid request') {
    super(400, message, errors);
  }

  /** A 400 with a single entry. */
  static of(
    field: string,
    message: string,
    correctionSuggestion: string,
    type: ApiErrorEntry['type'] = 'VALIDATION',
  ): InvalidRequestError {
    return new InvalidRequestError([
      { type, message, field, correctionSuggestion },
    ]);
  }
}

import type { ApiErrorType } from './error-envelope.interface';

/** Details of an `InvalidInputError`. */
export interface InvalidInputDetails {
  field?: string;
  correctionSuggestion?: string;
  /** `VALIDATION` for a malformed value, `INVALID_VALUE` for a state conflict. */
  type?: Extract<ApiErrorType, 'VALIDATION' | 'INVALID_VALUE'>;
}

/** A request the sample refuses with a 400, naming the field and the fix. */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly details: InvalidInputDetails = {},
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

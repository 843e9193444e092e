/** The `type` of one error item (SPEC 8.1). */
export type ApiErrorType =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'INVALID_VALUE'
  | 'GENERAL'
  | 'INTERNAL_SERVER_ERROR';

/** One problem with a request. */
export interface ApiErrorItem {
  type: ApiErrorType;
  message: string;
  field?: string;
  correctionSuggestion?: string;
}

/** The body of every error response, the platform's shape. */
export interface ErrorEnvelope {
  message: string;
  status: number;
  errors: ApiErrorItem[];
  requestId: string;
}

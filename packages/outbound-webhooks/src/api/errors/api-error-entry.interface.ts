/** The `type` of one entry of the error envelope (SPEC 8.1). */
export type ApiErrorType =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'INVALID_VALUE'
  | 'GENERAL'
  | 'INTERNAL_SERVER_ERROR';

/** One entry of the error envelope's `errors` array. */
export interface ApiErrorEntry {
  type: ApiErrorType;
  message: string;
  /** Path of the offending request value, e.g. `filter.groups[0]`. */
  field?: string;
  /** One sentence telling the client how to fix the request. */
  correctionSuggestion?: string;
}

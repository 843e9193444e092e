import { WebhooksError } from './webhooks.error';

/** The error-envelope types a validation failure maps to (SPEC 8.1). */
export type WebhookValidationErrorType = 'VALIDATION' | 'INVALID_VALUE';

/**
 * Base of every error that rejects a value a client sent (a topic, a filter,
 * a format name...). Carries what the REST API needs for one entry of the
 * error envelope: `{ type, message, field, correctionSuggestion }`.
 */
export class WebhookValidationError extends WebhooksError {
  constructor(
    message: string,
    /** Path of the wrong value, e.g. `topic` or `filter.groups[0].items[1].operator`. */
    readonly field: string,
    /** One sentence telling the client how to fix it. */
    readonly correctionSuggestion: string,
    /** `VALIDATION` for a malformed value, `INVALID_VALUE` for a well-formed but unknown one. */
    readonly type: WebhookValidationErrorType = 'VALIDATION',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

import { WebhookValidationError } from './webhook-validation.error';
import type { WebhookValidationErrorType } from './webhook-validation.error';

/** A record filter is malformed: unknown operator, wrong value shape, too large. */
export class InvalidFilterError extends WebhookValidationError {
  constructor(
    /** Path of the wrong part, e.g. `filter.groups[0].items[1].operator`. */
    field: string,
    message: string,
    correctionSuggestion: string,
    type: WebhookValidationErrorType = 'VALIDATION',
  ) {
    super(message, field, correctionSuggestion, type);
  }
}

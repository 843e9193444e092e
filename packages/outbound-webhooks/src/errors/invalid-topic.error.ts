import { WebhookValidationError } from './webhook-validation.error';
import type { WebhookValidationErrorType } from './webhook-validation.error';

/** A webhook topic is malformed or names an unknown action, object or property. */
export class InvalidTopicError extends WebhookValidationError {
  constructor(
    message: string,
    correctionSuggestion: string,
    type: WebhookValidationErrorType = 'VALIDATION',
    field = 'topic',
  ) {
    super(message, field, correctionSuggestion, type);
  }
}

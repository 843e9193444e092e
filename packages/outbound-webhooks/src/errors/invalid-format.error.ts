import { WebhookValidationError } from './webhook-validation.error';

/** A webhook names a payload format that is not registered. */
export class InvalidFormatError extends WebhookValidationError {
  constructor(
    readonly formatName: string,
    known: string[],
  ) {
    super(
      `Unknown webhookFormat "${formatName}".`,
      'webhookFormat',
      `Use one of: ${known.join(', ')}.`,
      'INVALID_VALUE',
    );
  }
}

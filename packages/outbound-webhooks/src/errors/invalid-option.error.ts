import { WebhooksError } from './webhooks.error';

/** A module option is missing, of the wrong type or out of its range. */
export class InvalidOptionError extends WebhooksError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`WebhooksModule option "${option}": ${message}`);
  }
}

import { WebhooksError } from './webhooks.error';

/** The host called the publisher with an unusable argument. */
export class InvalidEventError extends WebhooksError {
  constructor(
    /** The argument at fault, e.g. `record.objectName`. */
    readonly argument: string,
    message: string,
  ) {
    super(`Cannot publish the event: ${argument} ${message}`);
  }
}

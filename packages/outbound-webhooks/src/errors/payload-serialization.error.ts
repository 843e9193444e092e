import { WebhooksError } from './webhooks.error';

/**
 * A published value cannot become JSON (a `BigInt`, a cycle, a function, a
 * `NaN`...). Thrown at publish time, naming the property path.
 */
export class PayloadSerializationError extends WebhooksError {
  constructor(
    /** Where the value sits, e.g. `record.properties.salary`. */
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot publish the event: ${path} ${reason}`);
  }
}

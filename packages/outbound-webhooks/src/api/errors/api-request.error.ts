import { WebhooksError } from '../../errors/webhooks.error';
import type { ApiErrorEntry } from './api-error-entry.interface';

/**
 * A request the REST API refuses, with the HTTP status and the entries of
 * the error envelope. The exception filter renders it as is.
 */
export class ApiRequestError extends WebhooksError {
  constructor(
    /** HTTP status, e.g. 400, 401, 403, 404. */
    readonly status: number,
    message: string,
    readonly errors: ApiErrorEntry[],
  ) {
    super(message);
  }
}

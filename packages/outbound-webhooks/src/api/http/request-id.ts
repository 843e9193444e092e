import { randomUUID } from 'node:crypto';
import type { WebhooksHttpRequest } from './webhooks-http-request.interface';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request, reported in the error envelope's `requestId`: the
 * client's `x-request-id` when it is a short token, a new uuid otherwise.
 * Computed once per request and kept on it.
 */
export function requestIdOf(request: WebhooksHttpRequest): string {
  if (request.webhooksRequestId) return request.webhooksRequestId;
  const header = request.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id =
    given !== undefined && ACCEPTED_REQUEST_ID.test(given)
      ? given
      : randomUUID();
  request.webhooksRequestId = id;
  return id;
}

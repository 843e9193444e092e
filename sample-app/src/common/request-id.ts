import { randomUUID } from 'node:crypto';
import type { Request } from 'express';

const REQUEST_ID = Symbol('requestId');

type WithRequestId = Request & { [REQUEST_ID]?: string };

/**
 * The id of a request: the caller's `X-Request-Id` when it is sane, else a
 * new uuid. The same value for the whole request: it is the error
 * envelope's `requestId` and the `correlationId` of the events it publishes.
 */
export function requestIdOf(request: Request): string {
  const req = request as WithRequestId;
  if (!req[REQUEST_ID]) {
    const given = request.header('x-request-id');
    req[REQUEST_ID] =
      given && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
  }
  return req[REQUEST_ID];
}

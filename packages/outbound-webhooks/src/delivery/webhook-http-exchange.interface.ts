import type { AttemptErrorKind } from '../entities/webhook-attempt.entity';

/** One POST of one attempt, ready to send. */
export interface WebhookHttpRequest {
  /** The webhook URL exactly as stored. */
  url: string;
  /** The exact body bytes (signed). */
  body: Buffer;
  /** Signature and extra headers; content-type and user-agent are added. */
  headers: Record<string, string>;
  /** Aborts the exchange early (shutdown); the timeout is the client's. */
  signal?: AbortSignal;
}

/** What came back, or how it failed. Never holds secrets or signatures. */
export interface WebhookHttpResult {
  /** Epoch ms when the request started. */
  requestedAt: number;
  durationMs: number;
  /** The response status, when headers arrived. */
  statusCode: number | null;
  /** The `Retry-After` header, when present. */
  retryAfter: string | undefined;
  /** The response body, cut at `responseBodyMaxBytes`. */
  responseBody: string | null;
  /** Null when a response arrived completely (any status). */
  errorKind: AttemptErrorKind | null;
  errorMessage: string | null;
}

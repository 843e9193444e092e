import type { DeliveryWebhook } from '../delivery/delivery-webhook.interface';

/** A delivery this process holds a lease on, ready to attempt. */
export interface ClaimedDelivery {
  uuid: string;
  companyUuid: string;
  webhookUuid: string;
  eventUuid: string;
  topic: string;
  /** The exact body, identical on every attempt. */
  body: string;
  /** Attempts made before this one. */
  attemptCount: number;
  /** The claim's random token; completing needs it. */
  leaseOwner: string;
  /** When the lease ends (epoch ms); no attempt may start too close to it. */
  leaseExpiresAt: number;
}

/** A raw row of the claim statements (bigint/int may come as strings). */
export interface ClaimedDeliveryRow {
  uuid: string;
  company_uuid: string;
  webhook_uuid: string;
  event_uuid: string;
  topic: string;
  body: string;
  attempt_count: number | string;
}

/** Maps a claim row; the lease token is the caller's. */
export function toClaimedDelivery(
  row: ClaimedDeliveryRow,
  leaseOwner: string,
  leaseExpiresAt: number,
): ClaimedDelivery {
  return {
    uuid: row.uuid,
    companyUuid: row.company_uuid,
    webhookUuid: row.webhook_uuid,
    eventUuid: row.event_uuid,
    topic: row.topic,
    body: row.body,
    attemptCount: Number(row.attempt_count),
    leaseOwner,
    leaseExpiresAt,
  };
}

/** The webhook columns the PostgreSQL claim joins in (NULLs: deleted). */
export interface ClaimedWebhookColumns {
  w_uuid: string | null;
  w_url: string;
  w_secret: string;
  w_previous_secret: string | null;
  w_previous_secret_expires_at: number | string | null;
  w_status: string;
  w_enabled: boolean | number;
  w_retry_enabled: boolean | number;
  w_max_retries: number | string | null;
  w_retry_backoff_ms: number | string | null;
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** The joined webhook of a claim row, or null when it was deleted. */
export function toDeliveryWebhook(
  row: ClaimedWebhookColumns,
): DeliveryWebhook | null {
  if (row.w_uuid === null) return null;
  return {
    uuid: row.w_uuid,
    url: row.w_url,
    secret: row.w_secret,
    previousSecret: row.w_previous_secret,
    previousSecretExpiresAt: numberOrNull(row.w_previous_secret_expires_at),
    status: row.w_status as DeliveryWebhook['status'],
    enabled: Boolean(row.w_enabled),
    retryEnabled: Boolean(row.w_retry_enabled),
    maxRetries: numberOrNull(row.w_max_retries),
    retryBackoffMs: numberOrNull(row.w_retry_backoff_ms),
  };
}

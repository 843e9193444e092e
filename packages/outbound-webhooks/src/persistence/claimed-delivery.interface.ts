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
  };
}

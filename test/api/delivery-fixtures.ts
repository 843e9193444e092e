import type { DataSource } from 'typeorm';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
} from 'nestjs-outbound-webhooks';
import type { DeliveryStatus } from 'nestjs-outbound-webhooks';

let counter = 0;

/** Inserts one delivery row of a webhook, as the dispatcher would leave it. */
export async function insertDelivery(
  dataSource: DataSource,
  companyUuid: string,
  webhookUuid: string,
  status: DeliveryStatus,
  createdAt: number,
  overrides: Partial<WebhookDeliveryEntity> = {},
): Promise<string> {
  counter += 1;
  const uuid = `msg_${String(counter).padStart(6, '0')}_${webhookUuid.slice(0, 8)}`;
  await dataSource.getRepository(WebhookDeliveryEntity).insert({
    uuid,
    companyUuid,
    webhookUuid,
    eventUuid: `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`,
    topic: 'record.candidate.created',
    status,
    body: '{"hello":"world"}',
    attemptCount: status === 'PENDING' ? 0 : 1,
    nextAttemptAt: createdAt,
    leaseOwner: null,
    leaseExpiresAt: null,
    lastStatusCode: status === 'FAILED' ? 500 : null,
    lastError: null,
    deliveredAt: status === 'SUCCEEDED' ? createdAt : null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  });
  return uuid;
}

/** Inserts one attempt of a delivery. */
export async function insertAttempt(
  dataSource: DataSource,
  companyUuid: string,
  webhookUuid: string,
  deliveryUuid: string,
  attemptNumber: number,
  statusCode: number,
): Promise<void> {
  counter += 1;
  await dataSource.getRepository(WebhookAttemptEntity).insert({
    uuid: `00000000-0000-4000-a000-${String(counter).padStart(12, '0')}`,
    deliveryUuid,
    webhookUuid,
    companyUuid,
    attemptNumber,
    requestedAt: 1_700_000_000_000 + attemptNumber,
    durationMs: 12,
    succeeded: statusCode < 300,
    statusCode,
    errorKind: statusCode < 300 ? null : 'HTTP_STATUS',
    errorMessage: statusCode < 300 ? null : `HTTP ${statusCode}`,
    responseBody: 'ok',
  });
}

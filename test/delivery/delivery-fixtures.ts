import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEntity,
} from 'nestjs-outbound-webhooks';
import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';

export const COMPANY = '00000000-0000-4000-8000-0000000000c1';

/** Fast settings for engine tests; loopback re-allowed by the SSRF guard. */
export const FAST: WebhooksModuleOptions = {
  dispatcherEnabled: true,
  pollIntervalMs: 50,
  requestTimeoutMs: 800,
  leaseMs: 1_500,
  shutdownTimeoutMs: 2_000,
  allowedNetworks: ['127.0.0.0/8'],
};

/** Inserts one webhook row (as the REST API would), returning it. */
export async function insertWebhook(
  dataSource: DataSource,
  overrides: Partial<WebhookEntity> & { url: string },
): Promise<WebhookEntity> {
  const now = Date.now();
  const webhook: Partial<WebhookEntity> = {
    uuid: randomUUID(),
    companyUuid: COMPANY,
    appUuid: null,
    secret: 'test-secret-123',
    previousSecret: null,
    previousSecretExpiresAt: null,
    topic: 'record.candidate.created',
    webhookFormat: 'LEGACY',
    filter: null,
    retryEnabled: true,
    maxRetries: null,
    retryBackoffMs: null,
    enabled: true,
    status: 'ACTIVE',
    deliveryMode: 'HTTP',
    failingSince: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await dataSource.getRepository(WebhookEntity).insert(webhook as any);
  return dataSource
    .getRepository(WebhookEntity)
    .findOneByOrFail({ uuid: webhook.uuid });
}

/** Inserts PENDING deliveries of one webhook, due now unless told. */
export async function insertDeliveries(
  dataSource: DataSource,
  webhook: WebhookEntity,
  bodies: string[],
  overrides: Partial<WebhookDeliveryEntity> = {},
): Promise<WebhookDeliveryEntity[]> {
  const now = Date.now();
  const rows = bodies.map((body) => ({
    uuid: randomUUID(),
    companyUuid: webhook.companyUuid,
    webhookUuid: webhook.uuid,
    eventUuid: randomUUID(),
    topic: webhook.topic,
    status: 'PENDING' as const,
    body,
    attemptCount: 0,
    nextAttemptAt: now,
    leaseOwner: null,
    leaseExpiresAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }));
  const repository = dataSource.getRepository(WebhookDeliveryEntity);
  for (let i = 0; i < rows.length; i += 200) {
    await repository.insert(rows.slice(i, i + 200));
  }
  return rows as WebhookDeliveryEntity[];
}

export function deliveryOf(
  dataSource: DataSource,
  uuid: string,
): Promise<WebhookDeliveryEntity> {
  return dataSource
    .getRepository(WebhookDeliveryEntity)
    .findOneByOrFail({ uuid });
}

export function attemptsOf(
  dataSource: DataSource,
  deliveryUuid: string,
): Promise<WebhookAttemptEntity[]> {
  return dataSource
    .getRepository(WebhookAttemptEntity)
    .find({ where: { deliveryUuid }, order: { attemptNumber: 'ASC' } });
}

export function webhookOf(
  dataSource: DataSource,
  uuid: string,
): Promise<WebhookEntity> {
  return dataSource.getRepository(WebhookEntity).findOneByOrFail({ uuid });
}

/** Polls `check` until it returns true; fails with `what` after the timeout. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until a delivery reaches `status`. */
export function untilStatus(
  app: INestApplication,
  uuid: string,
  status: WebhookDeliveryEntity['status'],
  timeoutMs?: number,
): Promise<void> {
  const dataSource = app.get(DataSource);
  return eventually(
    `delivery ${uuid} ${status}`,
    async () => (await deliveryOf(dataSource, uuid)).status === status,
    timeoutMs,
  );
}

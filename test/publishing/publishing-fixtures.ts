import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  WebhookDeliveryEntity,
  WebhookEntity,
  WebhookEventEntity,
  WebhookFanOutService,
  WebhookPublisher,
} from 'nestjs-outbound-webhooks';
import type {
  RelatedRecord,
  RelationLoadRequest,
  WebhookRecord,
  WebhooksRelationLoader,
} from 'nestjs-outbound-webhooks';

export const ACME = '00000000-0000-4000-8000-0000000000a1';
export const GLOBEX = '00000000-0000-4000-8000-0000000000b2';

/** The module's services and the data source of a test app. */
export function servicesOf(app: INestApplication) {
  return {
    dataSource: app.get(DataSource),
    publisher: app.get(WebhookPublisher),
    fanOut: app.get(WebhookFanOutService),
  };
}

/** Inserts a webhook directly (the REST API is tested elsewhere). */
export async function insertWebhook(
  dataSource: DataSource,
  values: Partial<WebhookEntity> & { topic: string },
): Promise<WebhookEntity> {
  const now = Date.now();
  const webhook = dataSource.getRepository(WebhookEntity).create({
    uuid: randomUUID(),
    companyUuid: ACME,
    appUuid: null,
    url: 'http://127.0.0.1:9/hook',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    webhookFormat: 'LEGACY',
    filter: null,
    includeRelations: null,
    relationFilters: null,
    relationLimit: null,
    enabled: true,
    status: 'ACTIVE',
    deliveryMode: 'HTTP',
    createdAt: now,
    updatedAt: now,
    ...values,
  });
  await dataSource.getRepository(WebhookEntity).save(webhook);
  return webhook;
}

/** Empties the module's tables between tests. */
export async function clearTables(dataSource: DataSource): Promise<void> {
  for (const entity of [
    WebhookDeliveryEntity,
    WebhookEventEntity,
    WebhookEntity,
  ]) {
    await dataSource
      .getRepository(entity)
      .createQueryBuilder()
      .delete()
      .execute();
  }
}

/** Runs fan-out until nothing is left; returns the events processed. */
export async function fanOutAll(
  fanOut: WebhookFanOutService,
  batchSize = 100,
): Promise<number> {
  let total = 0;
  for (;;) {
    const processed = await fanOut.fanOutPending(batchSize);
    if (processed === 0) return total;
    total += processed;
  }
}

export function events(dataSource: DataSource): Promise<WebhookEventEntity[]> {
  return dataSource
    .getRepository(WebhookEventEntity)
    .find({ order: { createdAt: 'ASC', topic: 'ASC' } });
}

export function deliveries(
  dataSource: DataSource,
): Promise<WebhookDeliveryEntity[]> {
  return dataSource
    .getRepository(WebhookDeliveryEntity)
    .find({ order: { createdAt: 'ASC', uuid: 'ASC' } });
}

export function candidate(
  properties: WebhookRecord['properties'] = {},
  uuid: string = randomUUID(),
): WebhookRecord {
  return {
    uuid,
    objectName: 'candidate',
    properties,
    createdAt: 1,
    updatedAt: 2,
  };
}

/**
 * A relation loader over an in-memory graph, as a host would implement it
 * over its own tables. Counts its calls.
 */
export class GraphRelationLoader implements WebhooksRelationLoader {
  readonly calls: RelationLoadRequest[] = [];
  private readonly links: Array<{
    companyUuid: string;
    fromUuid: string;
    relationName: string;
    record: WebhookRecord;
  }> = [];

  link(
    companyUuid: string,
    fromUuid: string,
    relationName: string,
    record: WebhookRecord,
  ): void {
    this.links.push({ companyUuid, fromUuid, relationName, record });
  }

  clear(): void {
    this.links.length = 0;
    this.calls.length = 0;
  }

  load(request: RelationLoadRequest): Promise<RelatedRecord[]> {
    this.calls.push(request);
    const found = this.links
      .filter(
        (link) =>
          link.companyUuid === request.companyUuid &&
          link.fromUuid === request.record.uuid &&
          (request.relationName === '*' ||
            link.relationName === request.relationName),
      )
      .map((link) => ({
        relationName: link.relationName,
        record: link.record,
      }));
    return Promise.resolve(
      request.limit === undefined ? found : found.slice(0, request.limit),
    );
  }
}

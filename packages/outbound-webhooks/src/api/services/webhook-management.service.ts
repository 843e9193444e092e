import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { WebhookDeliveryEntity } from '../../entities/webhook-delivery.entity';
import { WebhookEntity } from '../../entities/webhook.entity';
import type { ResolvedWebhooksOptions } from '../../options/resolved-webhooks-options.interface';
import { WEBHOOKS_SECRET_CIPHER } from '../../security/secret-cipher.interface';
import type { SecretCipher } from '../../security/secret-cipher.interface';
import { deriveTopicLabel } from '../../topics/topic-label';
import {
  WEBHOOKS_DATA_SOURCE,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../../webhooks.constants';
import type { CreateWebhookDto } from '../dto/create-webhook.dto';
import type { UpdateWebhookDto } from '../dto/update-webhook.dto';
import { ResourceNotFoundError } from '../errors/resource-not-found.error';
import { buildWebhookListQuery } from '../queries/webhook-list.query';
import type { WebhookListRequest } from '../queries/webhook-list-request.interface';
import { WebhookInputValidator } from './webhook-input.validator';
import type { ValidatedWebhookFields } from './webhook-input.validator';

/** A webhook row must look like a uuid; anything else cannot exist. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reason stored when a user disables a webhook through the API. */
export const DISABLED_BY_USER_REASON = 'Disabled by a user.';

/**
 * Reads and writes one company's webhooks for the REST API. Every method
 * takes the selected company and never touches another's rows.
 */
@Injectable()
export class WebhookManagementService {
  private readonly logger = new Logger(WebhookManagementService.name);
  private readonly webhooks: Repository<WebhookEntity>;

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly validator: WebhookInputValidator,
    @Optional()
    @Inject(WEBHOOKS_SECRET_CIPHER)
    private readonly cipher?: SecretCipher,
  ) {
    this.webhooks = dataSource.getRepository(WebhookEntity);
  }

  /** One page of the company's webhooks and the total matching. */
  async list(
    companyUuid: string,
    request: WebhookListRequest,
  ): Promise<{ rows: WebhookEntity[]; total: number }> {
    const query = buildWebhookListQuery(this.webhooks, companyUuid, request);
    const total = await query.clone().getCount();
    const offset = (request.page - 1) * request.limit;
    const rows =
      offset >= total
        ? []
        : await query.offset(offset).limit(request.limit).getMany();
    return { rows, total };
  }

  /** The company's webhook, or a 404 (also for another company's). */
  async get(companyUuid: string, uuid: string): Promise<WebhookEntity> {
    const found = UUID.test(uuid)
      ? await this.webhooks.findOneBy({ uuid, companyUuid })
      : null;
    if (!found) throw new ResourceNotFoundError('webhook', uuid);
    return found;
  }

  /** Creates a webhook for the company, optionally owned by an app. */
  async create(
    companyUuid: string,
    dto: CreateWebhookDto,
    appUuid: string | null = null,
  ): Promise<WebhookEntity> {
    const fields = await this.validator.validate(dto);
    const now = Date.now();
    const enabled = fields.enabled ?? true;
    const topic = fields.topic as string;
    const entity = this.webhooks.create({
      uuid: randomUUID(),
      companyUuid,
      appUuid,
      url: fields.url as string,
      secret: this.seal(fields.secret as string),
      previousSecret: null,
      previousSecretExpiresAt: null,
      topic,
      name: fields.name ?? null,
      label: fields.label ?? deriveTopicLabel(topic),
      description: fields.description ?? null,
      webhookFormat: fields.webhookFormat ?? this.validator.defaultFormat(),
      filter: fields.filter ?? null,
      includeRelations: fields.includeRelations ?? null,
      relationFilters: fields.relationFilters ?? null,
      relationLimit: fields.relationLimit ?? null,
      retryEnabled: fields.retryEnabled ?? true,
      maxRetries: fields.maxRetries ?? null,
      retryBackoffMs: fields.retryBackoffMs ?? null,
      enabled,
      status: enabled ? 'ACTIVE' : 'DISABLED',
      disabledReason: enabled ? null : DISABLED_BY_USER_REASON,
      deliveryMode: fields.deliveryMode ?? 'HTTP',
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.webhooks.insert(entity as QueryDeepPartialEntity<WebhookEntity>);
    this.logger.log(
      `Webhook ${entity.uuid} created for company ${companyUuid} (topic ${topic})`,
    );
    return entity;
  }

  /** Updates the fields present in `dto`; the rest keep their values. */
  async update(
    companyUuid: string,
    uuid: string,
    dto: UpdateWebhookDto,
  ): Promise<WebhookEntity> {
    const existing = await this.get(companyUuid, uuid);
    const fields = await this.validator.validate(dto);
    const changes = this.changesFrom(existing, fields);
    return this.save(existing, changes);
  }

  /**
   * Deletes the webhook and cancels its pending deliveries, in one
   * transaction: a dispatcher never sees the webhook gone with work left.
   */
  async delete(companyUuid: string, uuid: string): Promise<void> {
    const existing = await this.get(companyUuid, uuid);
    const now = Date.now();
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(WebhookDeliveryEntity)
        .set({
          status: 'CANCELLED',
          lastError: 'The webhook was deleted.',
          // A dispatcher sending one of them now loses its lease, so its
          // completion cannot overwrite the cancellation.
          leaseOwner: null,
          leaseExpiresAt: null,
          updatedAt: now,
        })
        .where('webhook_uuid = :uuid AND company_uuid = :companyUuid', {
          uuid: existing.uuid,
          companyUuid,
        })
        .andWhere('status = :pending', { pending: 'PENDING' })
        .execute();
      await manager.delete(WebhookEntity, { uuid: existing.uuid, companyUuid });
    });
    this.logger.log(`Webhook ${uuid} deleted for company ${companyUuid}`);
  }

  /** Enables or disables; enabling clears the reason and the failure clock. */
  async setEnabled(
    companyUuid: string,
    uuid: string,
    enabled: boolean,
  ): Promise<WebhookEntity> {
    const existing = await this.get(companyUuid, uuid);
    return this.save(existing, this.changesFrom(existing, { enabled }));
  }

  /**
   * Replaces the secret; the old one keeps signing (a second signature)
   * until `previousSecretExpiresAt`. `overlapMs` 0 drops it at once.
   */
  async rotateSecret(
    companyUuid: string,
    uuid: string,
    secret: string,
    overlapMs: number | undefined,
  ): Promise<WebhookEntity> {
    const existing = await this.get(companyUuid, uuid);
    const overlap = overlapMs ?? this.options.secretRotationOverlapMs;
    const now = Date.now();
    const keep = overlap > 0;
    const changes: Partial<WebhookEntity> = {
      secret: this.seal(secret),
      previousSecret: keep ? existing.secret : null,
      previousSecretExpiresAt: keep ? now + overlap : null,
    };
    this.logger.log(`Webhook ${uuid} secret rotated (overlap ${overlap} ms)`);
    return this.save(existing, changes);
  }

  private changesFrom(
    existing: WebhookEntity,
    fields: ValidatedWebhookFields,
  ): Partial<WebhookEntity> {
    const changes: Partial<WebhookEntity> = {
      ...fields,
    };
    if (fields.secret !== undefined) {
      changes.secret = this.seal(fields.secret);
      changes.previousSecret = null;
      changes.previousSecretExpiresAt = null;
    }
    if (fields.topic !== undefined && fields.label === undefined) {
      // A label derived from the old topic follows the new one.
      if (existing.label === deriveTopicLabel(existing.topic)) {
        changes.label = deriveTopicLabel(fields.topic);
      }
    }
    if (fields.label === null) {
      changes.label = deriveTopicLabel(fields.topic ?? existing.topic);
    }
    if (fields.enabled === true) {
      changes.status = 'ACTIVE';
      changes.disabledReason = null;
      changes.failingSince = null;
    } else if (fields.enabled === false && existing.enabled) {
      changes.status = 'DISABLED';
      changes.disabledReason = DISABLED_BY_USER_REASON;
    }
    return changes;
  }

  private async save(
    existing: WebhookEntity,
    changes: Partial<WebhookEntity>,
  ): Promise<WebhookEntity> {
    const updatedAt = Math.max(Date.now(), existing.updatedAt);
    await this.webhooks.update(
      { uuid: existing.uuid, companyUuid: existing.companyUuid },
      { ...changes, updatedAt } as QueryDeepPartialEntity<WebhookEntity>,
    );
    return { ...existing, ...changes, updatedAt };
  }

  private seal(secret: string): string {
    return this.cipher ? this.cipher.encrypt(secret) : secret;
  }
}

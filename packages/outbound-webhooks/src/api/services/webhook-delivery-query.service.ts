import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { WebhookAttemptEntity } from '../../entities/webhook-attempt.entity';
import { WebhookDeliveryEntity } from '../../entities/webhook-delivery.entity';
import type { DeliveryStatus } from '../../entities/webhook-delivery.entity';
import { WEBHOOKS_DATA_SOURCE } from '../../webhooks.constants';
import { ResourceNotFoundError } from '../errors/resource-not-found.error';

/**
 * What a delivery id can look like (printable ASCII, at most 64): anything
 * else is a 404 before it reaches SQL, where PostgreSQL refuses a NUL.
 */
const DELIVERY_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * Reads a webhook's deliveries and attempts, and re-queues failed ones. The
 * callers have already checked the webhook belongs to the selected company;
 * every query is still scoped by company as well.
 */
@Injectable()
export class WebhookDeliveryQueryService {
  private readonly logger = new Logger(WebhookDeliveryQueryService.name);

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** One page of a webhook's deliveries, newest first (uuid breaks ties). */
  async list(
    companyUuid: string,
    webhookUuid: string,
    page: number,
    limit: number,
    status: DeliveryStatus | undefined,
  ): Promise<{ rows: WebhookDeliveryEntity[]; total: number }> {
    const query = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('delivery')
      .where('delivery.webhookUuid = :webhookUuid', { webhookUuid })
      .andWhere('delivery.companyUuid = :companyUuid', { companyUuid });
    if (status) query.andWhere('delivery.status = :status', { status });
    const total = await query.clone().getCount();
    const offset = (page - 1) * limit;
    const rows =
      offset >= total
        ? []
        : await query
            .orderBy('delivery.createdAt', 'DESC')
            .addOrderBy('delivery.uuid', 'DESC')
            .offset(offset)
            .limit(limit)
            .getMany();
    return { rows, total };
  }

  /** The delivery of that webhook and company, or a 404. */
  async get(
    companyUuid: string,
    webhookUuid: string,
    deliveryUuid: string,
  ): Promise<WebhookDeliveryEntity> {
    const found = DELIVERY_ID.test(deliveryUuid)
      ? await this.dataSource
          .getRepository(WebhookDeliveryEntity)
          .findOneBy({ uuid: deliveryUuid, webhookUuid, companyUuid })
      : null;
    if (!found) {
      throw new ResourceNotFoundError('delivery', deliveryUuid, 'deliveryUuid');
    }
    return found;
  }

  /** Every attempt of a delivery, first to last. */
  attempts(
    companyUuid: string,
    deliveryUuid: string,
  ): Promise<WebhookAttemptEntity[]> {
    return this.dataSource.getRepository(WebhookAttemptEntity).find({
      where: { deliveryUuid, companyUuid },
      order: { attemptNumber: 'ASC' },
    });
  }

  /**
   * Puts the webhook's FAILED deliveries created in [since, until] back in
   * the queue, due now. Attempt history stays; numbering continues.
   */
  async recover(
    companyUuid: string,
    webhookUuid: string,
    since: number,
    until: number,
  ): Promise<number> {
    const now = Date.now();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({
        status: 'PENDING',
        nextAttemptAt: now,
        deliveredAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: now,
      })
      .where('webhook_uuid = :webhookUuid AND company_uuid = :companyUuid', {
        webhookUuid,
        companyUuid,
      })
      .andWhere("status = 'FAILED'")
      .andWhere('created_at >= :since AND created_at <= :until', {
        since,
        until,
      })
      .execute();
    const count = result.affected ?? 0;
    this.logger.log(
      `Webhook ${webhookUuid}: ${count} failed deliveries re-queued`,
    );
    return count;
  }
}

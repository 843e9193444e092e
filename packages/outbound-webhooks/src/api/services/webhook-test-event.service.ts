import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { DeliveryAttemptSummary } from '../../delivery/delivery-attempt-summary.interface';
import { WebhookDeliveryService } from '../../delivery/webhook-delivery.service';
import { WebhookDeliveryEntity } from '../../entities/webhook-delivery.entity';
import type { WebhookEntity } from '../../entities/webhook.entity';
import { WebhookFanOutService } from '../../fanout/webhook-fan-out.service';
import { MAX_TOPIC_LENGTH } from '../../topics/record-topic.constants';
import type { ResolvedWebhooksOptions } from '../../options/resolved-webhooks-options.interface';
import {
  WEBHOOKS_DATA_SOURCE,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../../webhooks.constants';
import { TooManyTestEventsError } from '../errors/too-many-test-events.error';
import { assertWebhookActive } from './webhook-active.check';
import { WebhookInputValidator } from './webhook-input.validator';

/**
 * Most test events one company may have in flight in one process. A test
 * is sent at once, outside the dispatcher's concurrency, so without a cap
 * one tenant could hold every connection to a slow receiver.
 */
export const TEST_EVENTS_IN_FLIGHT_PER_COMPANY = 4;

/** Why a test delivery that would be retried is cancelled instead. */
const NOT_RETRIED = 'Test event: attempted once, never retried.';

/**
 * "Send a test event": renders a synthetic event of the webhook's topic in
 * its format, stores it as a delivery (so it shows in the deliveries list
 * with its attempt) and attempts it once, now, signed like any delivery.
 */
@Injectable()
export class WebhookTestEventService {
  private readonly logger = new Logger(WebhookTestEventService.name);

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly validator: WebhookInputValidator,
    private readonly delivery: WebhookDeliveryService,
    @Optional() private readonly fanOut?: WebhookFanOutService,
  ) {}

  private readonly inFlight = new Map<string, number>();

  /** Sends one test event to the webhook and reports the attempt. */
  async send(webhook: WebhookEntity): Promise<DeliveryAttemptSummary> {
    assertWebhookActive(webhook, 'test events');
    const company = webhook.companyUuid;
    const running = this.inFlight.get(company) ?? 0;
    if (running >= TEST_EVENTS_IN_FLIGHT_PER_COMPANY) {
      throw new TooManyTestEventsError(TEST_EVENTS_IN_FLIGHT_PER_COMPANY);
    }
    this.inFlight.set(company, running + 1);
    try {
      return await this.sendOnce(webhook);
    } finally {
      const left = (this.inFlight.get(company) ?? 1) - 1;
      if (left > 0) this.inFlight.set(company, left);
      else this.inFlight.delete(company);
    }
  }

  private async sendOnce(
    webhook: WebhookEntity,
  ): Promise<DeliveryAttemptSummary> {
    await this.validator.assertUrl(webhook.url);
    if (!this.fanOut) {
      throw new Error('WebhookFanOutService is not registered.');
    }
    const rendered = await this.fanOut.renderTestDelivery(webhook);
    const now = Date.now();
    await this.dataSource.getRepository(WebhookDeliveryEntity).insert({
      uuid: rendered.deliveryId,
      companyUuid: webhook.companyUuid,
      webhookUuid: webhook.uuid,
      eventUuid: randomUUID(),
      // Wildcards filled in may outgrow the column: the webhook's own topic
      // (at most that long) names the delivery then; the body keeps both.
      topic:
        rendered.topic.length <= MAX_TOPIC_LENGTH
          ? rendered.topic
          : webhook.topic,
      status: 'PENDING',
      body: rendered.body,
      attemptCount: 0,
      // Out of the dispatcher's reach: only the claim below sends it.
      nextAttemptAt: now + this.options.leaseMs,
      createdAt: now,
      updatedAt: now,
    });
    // Never retried: a failed test ends FAILED, then CANCELLED, so neither
    // the dispatcher nor a recovery of failed deliveries sends it again.
    const summary = await this.delivery.deliverNow(rendered.deliveryId, {
      retry: false,
    });
    if (summary.deliveryStatus !== 'SUCCEEDED') {
      await this.dataSource
        .createQueryBuilder()
        .update(WebhookDeliveryEntity)
        .set({ status: 'CANCELLED', lastError: NOT_RETRIED, updatedAt: now })
        .where('uuid = :uuid AND status IN (:...unfinished)', {
          uuid: rendered.deliveryId,
          unfinished: ['PENDING', 'FAILED'],
        })
        .execute();
      summary.deliveryStatus = 'CANCELLED';
      summary.nextAttemptAt = null;
    }
    this.logger.log(
      `Test event ${rendered.deliveryId} to webhook ${webhook.uuid}: ${summary.succeeded ? 'delivered' : 'failed'}`,
    );
    return summary;
  }
}

import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { WebhookEntity } from '../entities/webhook.entity';
import { DEFAULT_WEBHOOK_FORMAT } from '../formatters/webhook-format.registry';
import type { WebhookFormatRegistry } from '../formatters/webhook-format.registry';
import type { WebhookFormatter } from '../formatters/webhook-formatter.interface';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import type { StoredEventPayload } from '../publisher/stored-event.interface';
import { matchingOffers, topicOffers } from '../topics/event-offers';
import type { PlannedDelivery } from './delivery-insert.params';
import type { CompanyWebhooks } from './company-webhooks.reader';
import type { ClaimedEventRow } from './fan-out-event.store';
import { RelationResolver } from './relation.resolver';
import { buildTestEvent } from './test-event.factory';
import { firstMatchingOffer } from './webhook-offer.matcher';
import {
  includedRelations,
  matchSettingsOf,
} from './webhook-relation.settings';

/** A rendered delivery for a synthetic test event. */
export interface RenderedTestDelivery {
  /** A fresh delivery id (`msg_...`), for the `webhook-id` header. */
  deliveryId: string;
  /** The topic the synthetic event is offered under. */
  topic: string;
  /** The exact body bytes to sign and send. */
  body: string;
  event: StoredEventPayload;
}

/** The webhook fields a test delivery is rendered from. */
export type TestDeliveryWebhook = Pick<
  WebhookEntity,
  'uuid' | 'companyUuid' | 'appUuid' | 'topic' | 'webhookFormat'
> &
  Partial<Pick<WebhookEntity, 'includeRelations'>>;

/** What planning a round's claimed events gave. */
export interface FanOutPlan {
  deliveries: PlannedDelivery[];
  /** Events fanned out. */
  done: string[];
  /** Events whose relations or body could not be produced. */
  failed: string[];
}

/** A new delivery id: the `webhook-id` header, identical on every attempt. */
export function newDeliveryId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/**
 * The fan-out's pure side: matches claimed events against their company's
 * webhooks and renders each delivery's body once. No database access; the
 * host code it may call is the relation loader, the company provider and
 * custom formats.
 */
export class FanOutPlanner {
  constructor(
    private readonly options: ResolvedWebhooksOptions,
    private readonly formats: WebhookFormatRegistry,
    private readonly logger: Logger,
  ) {}

  /**
   * Plans every claimed event. One whose relations or body could not be
   * produced is listed in `failed` and retried after its lease.
   */
  async planAll(
    claimed: ClaimedEventRow[],
    webhooks: CompanyWebhooks,
  ): Promise<FanOutPlan> {
    const companyNames = new Map<string, Promise<string | null>>();
    const resolvers = new Map<string, RelationResolver>();
    const plan: FanOutPlan = { deliveries: [], done: [], failed: [] };
    for (const row of claimed) {
      try {
        const event = JSON.parse(row.payload) as StoredEventPayload;
        let resolver = resolvers.get(row.company_uuid);
        if (!resolver) {
          resolver = new RelationResolver(
            row.company_uuid,
            this.options.relationLoader,
          );
          resolvers.set(row.company_uuid, resolver);
        }
        const own = webhooks.get(row.company_uuid) ?? [];
        if (own instanceof Error) throw own;
        const planned = await this.plan(
          row,
          event,
          own,
          resolver,
          companyNames,
        );
        for (const delivery of planned) plan.deliveries.push(delivery);
        plan.done.push(row.uuid);
      } catch (error) {
        plan.failed.push(row.uuid);
        this.logger.warn(
          `Event ${row.uuid} (${row.topic}) not fanned out, retried ` +
            `after ${this.options.leaseMs} ms: ${(error as Error).message}`,
        );
      }
    }
    return plan;
  }

  /**
   * Renders the body a webhook would receive for a synthetic event of its
   * topic (for "send test event"). Nothing is stored.
   */
  async renderTestDelivery(
    webhook: TestDeliveryWebhook,
  ): Promise<RenderedTestDelivery> {
    const event = buildTestEvent(webhook.topic, webhook.companyUuid);
    const deliveryId = newDeliveryId();
    const offer = topicOffers(event)[0];
    const included = (webhook.includeRelations ?? []).length
      ? Object.fromEntries(
          (webhook.includeRelations ?? []).map((name) => [name, []]),
        )
      : null;
    const body = this.render(this.formatterOf(webhook), {
      deliveryId,
      event,
      record: offer.record,
      webhookTopic: webhook.topic,
      matchedTopic: offer.topic,
      webhook: { uuid: webhook.uuid, appUuid: webhook.appUuid },
      relations: included,
      company: {
        uuid: webhook.companyUuid,
        name: await this.companyName(webhook.companyUuid, new Map()),
      },
    });
    return { deliveryId, topic: offer.topic, body, event };
  }

  private async plan(
    row: ClaimedEventRow,
    event: StoredEventPayload,
    webhooks: WebhookEntity[],
    resolver: RelationResolver,
    companyNames: Map<string, Promise<string | null>>,
  ): Promise<PlannedDelivery[]> {
    const offers = topicOffers(event);
    const planned: PlannedDelivery[] = [];
    for (const webhook of webhooks) {
      const candidates = matchingOffers(webhook.topic, offers);
      if (candidates.length === 0) continue;
      let settings;
      try {
        settings = matchSettingsOf(webhook);
      } catch (error) {
        this.logger.warn(
          `Webhook ${webhook.uuid} skipped for event ${row.uuid}: its ` +
            `stored filter is invalid (${(error as Error).message})`,
        );
        continue;
      }
      const matched = await firstMatchingOffer(
        candidates,
        settings,
        event,
        resolver,
      );
      if (!matched) continue;
      const { offer, relations } = matched;
      const deliveryId = newDeliveryId();
      const body = this.render(this.formatterOf(webhook), {
        deliveryId,
        event,
        record: offer.record,
        webhookTopic: webhook.topic,
        matchedTopic: offer.topic,
        webhook: { uuid: webhook.uuid, appUuid: webhook.appUuid },
        relations: includedRelations(settings, relations),
        company: {
          uuid: row.company_uuid,
          name: await this.companyName(row.company_uuid, companyNames),
        },
      });
      planned.push({
        uuid: deliveryId,
        companyUuid: row.company_uuid,
        webhookUuid: webhook.uuid,
        eventUuid: row.uuid,
        topic: offer.topic,
        body,
      });
    }
    return planned;
  }

  private formatterOf(webhook: { uuid: string; webhookFormat: string }) {
    const name = webhook.webhookFormat || DEFAULT_WEBHOOK_FORMAT;
    if (this.formats.has(name)) return this.formats.get(name);
    this.logger.warn(
      `Webhook ${webhook.uuid} names the unregistered format "${name}"; ` +
        `rendering ${DEFAULT_WEBHOOK_FORMAT}.`,
    );
    return this.formats.get(DEFAULT_WEBHOOK_FORMAT);
  }

  /** Serializes once: this string is the exact body of every attempt. */
  private render(
    formatter: WebhookFormatter,
    input: Parameters<WebhookFormatter['render']>[0],
  ): string {
    const body = JSON.stringify(formatter.render(input));
    if (typeof body !== 'string') {
      throw new Error(
        `format ${formatter.name} rendered nothing for webhook ` +
          `${input.webhook.uuid}`,
      );
    }
    return body;
  }

  private companyName(
    companyUuid: string,
    cache: Map<string, Promise<string | null>>,
  ): Promise<string | null> {
    let pending = cache.get(companyUuid);
    if (!pending) {
      const provider = this.options.companyInfoProvider;
      pending = provider
        ? provider
            .getCompany(companyUuid)
            .then((company) => company?.name ?? null)
            .catch(() => null)
        : Promise.resolve(null);
      cache.set(companyUuid, pending);
    }
    return pending;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { InvalidEventError } from '../errors/invalid-event.error';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { SqlExecutor } from '../persistence/sql.executor';
import { WebhookTopicCatalogue } from '../topics/webhook-topic.catalogue';
import {
  WEBHOOKS_DATA_SOURCE,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../webhooks.constants';
import {
  buildPayloadBase,
  customPayload,
  formPayload,
  recordPayload,
  relationPayload,
  storedRecordOf,
  updatePayloads,
} from './event-payload.builder';
import { buildEventRows } from './event-row.builder';
import { EventOutboxWriter } from './event-outbox.writer';
import type {
  CustomEventInput,
  FormSubmittedInput,
  PublishOptions,
  PublishResult,
  RecordEventInput,
  RecordUpdatedInput,
  RelationEventInput,
} from './publish-input.interface';
import type { StoredEventPayload } from './stored-event.interface';
import { WebhookPublishNotifier } from './webhook-publish.notifier';

/**
 * Where the host reports what happened. Each method writes the event(s) to
 * the outbox (`webhook_events`) and returns; it never performs HTTP. Pass
 * the caller's `manager` to publish inside its transaction: the event then
 * commits or rolls back with the caller's own writes.
 */
@Injectable()
export class WebhookPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WebhookPublisher.name);
  private readonly sql: SqlExecutor;
  private readonly outbox: EventOutboxWriter;
  /** Caller transactions that published and have not committed yet. */
  private readonly awaitingCommit = new Set<QueryRunner>();
  private subscriber?: EntitySubscriberInterface;

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly topics: WebhookTopicCatalogue,
    private readonly notifier: WebhookPublishNotifier,
  ) {
    this.sql = new SqlExecutor(dataSource);
    this.outbox = new EventOutboxWriter(this.sql);
  }

  /** Wakes the dispatcher when a caller's transaction with events commits. */
  onModuleInit(): void {
    const pending = this.awaitingCommit;
    const notifier = this.notifier;
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit(event: TransactionCommitEvent) {
        if (pending.delete(event.queryRunner)) notifier.notify();
      },
      afterTransactionRollback(event: TransactionRollbackEvent) {
        pending.delete(event.queryRunner);
      },
    };
    this.subscriber = subscriber;
    this.dataSource.subscribers.push(subscriber);
  }

  /** Detaches from the host's data source, which may outlive the module. */
  onModuleDestroy(): void {
    const index = this.dataSource.subscribers.indexOf(
      this.subscriber as EntitySubscriberInterface,
    );
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    this.awaitingCommit.clear();
  }

  /** `record.<object>.created`. */
  async recordCreated(input: RecordEventInput): Promise<PublishResult> {
    return await this.publishRecord(input, 'created');
  }

  /**
   * `record.<object>.updated` plus one `property_changed.<property>` per
   * property whose value changed (deep equality). Nothing is written when
   * no property changed.
   */
  async recordUpdated(input: RecordUpdatedInput): Promise<PublishResult> {
    const base = buildPayloadBase(input);
    const record = storedRecordOf(input.record, 'record');
    const previous = storedRecordOf(input.previous, 'previous');
    const { payloads, skipped } = updatePayloads(base, record, previous);
    if (skipped.length > 0) {
      this.logger.warn(
        `No property_changed event for ${skipped.length} property ` +
          `name(s) of "${record.objectName}" that cannot form a topic ` +
          `segment (record ${record.uuid}).`,
      );
    }
    return await this.write(payloads, input);
  }

  /** `record.<object>.deleted`; `record` is the record's last state. */
  async recordDeleted(input: RecordEventInput): Promise<PublishResult> {
    return await this.publishRecord(input, 'deleted');
  }

  /** `record.<object>.archived`. */
  async recordArchived(input: RecordEventInput): Promise<PublishResult> {
    return await this.publishRecord(input, 'archived');
  }

  /** `record.<object>.restored`. */
  async recordRestored(input: RecordEventInput): Promise<PublishResult> {
    return await this.publishRecord(input, 'restored');
  }

  /** `record.<object>.formsubmission.<form>`. */
  async formSubmitted(input: FormSubmittedInput): Promise<PublishResult> {
    const base = buildPayloadBase(input);
    const record = storedRecordOf(input.record, 'record');
    const previous = input.previous
      ? storedRecordOf(input.previous, 'previous')
      : null;
    return await this.write(
      [formPayload(base, record, input.formName, previous)],
      input,
    );
  }

  /** `record.<object>.relation_created.<relation>`, offered to both ends. */
  async relationCreated(input: RelationEventInput): Promise<PublishResult> {
    return await this.publishRelation(input, 'relation_created');
  }

  /** `record.<object>.relation_updated.<relation>`, offered to both ends. */
  async relationUpdated(input: RelationEventInput): Promise<PublishResult> {
    return await this.publishRelation(input, 'relation_updated');
  }

  /** `record.<object>.relation_deleted.<relation>`, offered to both ends. */
  async relationDeleted(input: RelationEventInput): Promise<PublishResult> {
    return await this.publishRelation(input, 'relation_deleted');
  }

  /**
   * An event of a topic the host registered in `options.topics` (exactly,
   * no `*`), e.g. `publish('invoice.paid', { companyUuid, data })`.
   */
  async publish(
    topic: string,
    input: CustomEventInput,
  ): Promise<PublishResult> {
    const normalized = typeof topic === 'string' ? topic.toLowerCase() : '';
    if (!this.topics.isHostTopic(normalized)) {
      throw new InvalidEventError(
        'topic',
        `"${topic}" is not a registered topic; add it to the module ` +
          `option "topics", or use the record methods for record events.`,
      );
    }
    const base = buildPayloadBase(input);
    return await this.write(
      [customPayload(base, normalized, input.data)],
      input,
    );
  }

  private async publishRecord(
    input: RecordEventInput,
    action: 'created' | 'deleted' | 'archived' | 'restored',
  ): Promise<PublishResult> {
    const base = buildPayloadBase(input);
    const record = storedRecordOf(input.record, 'record');
    return await this.write([recordPayload(base, action, record)], input);
  }

  private async publishRelation(
    input: RelationEventInput,
    action: 'relation_created' | 'relation_updated' | 'relation_deleted',
  ): Promise<PublishResult> {
    const base = buildPayloadBase(input);
    const from = storedRecordOf(input.fromRecord, 'fromRecord');
    const to = storedRecordOf(input.toRecord, 'toRecord');
    return await this.write(
      [relationPayload(base, action, input.relationName, from, to)],
      input,
    );
  }

  private async write(
    payloads: StoredEventPayload[],
    options: PublishOptions,
  ): Promise<PublishResult> {
    if (payloads.length === 0) {
      return { eventUuids: [], topics: [], duplicate: false };
    }
    const rows = buildEventRows(
      payloads,
      options.idempotencyKey,
      this.options.maxPayloadBytes,
      Date.now(),
    );
    const result = options.manager
      ? await this.outbox.insert(rows, options.manager)
      : await this.sql.transaction((manager) =>
          this.outbox.insert(rows, manager),
        );
    if (!result.duplicate) this.afterWrite(options.manager);
    this.logger.debug(
      `Published ${rows.length} event(s) ${result.eventUuids[0]} ` +
        `(${rows[0].topic})${result.duplicate ? ' [duplicate key, skipped]' : ''}`,
    );
    return result;
  }

  private afterWrite(manager?: EntityManager): void {
    const runner = manager?.queryRunner;
    if (runner?.isTransactionActive) {
      this.awaitingCommit.add(runner);
    } else {
      this.notifier.notify();
    }
  }
}

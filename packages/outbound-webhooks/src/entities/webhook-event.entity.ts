import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from './epoch-ms.transformer';

/**
 * The outbox: one row per published event, written in the host's
 * transaction. The dispatcher fans each one out into deliveries.
 */
@Entity({ name: 'webhook_events' })
@Index('idx_webhook_events_fanout', ['fannedOut', 'createdAt'])
@Index('uq_webhook_events_idempotency', ['companyUuid', 'idempotencyKey'], {
  unique: true,
})
export class WebhookEventEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;

  /** The exact topic of the event, e.g. `record.candidate.updated`. */
  @Column({ name: 'topic', type: 'varchar', length: 255 })
  topic!: string;

  /** The platform's event name, e.g. `RecordUpdated`. */
  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  @Column({ name: 'object_name', type: 'varchar', length: 128, nullable: true })
  objectName!: string | null;

  @Column({ name: 'record_uuid', type: 'varchar', length: 64, nullable: true })
  recordUuid!: string | null;

  /** The serialized event (record, previous state, user, relation...). */
  @Column({ name: 'payload', type: 'text' })
  payload!: string;

  @Column({
    name: 'idempotency_key',
    type: 'varchar',
    length: 255,
    nullable: true,
  })
  idempotencyKey!: string | null;

  @Column({
    name: 'correlation_id',
    type: 'varchar',
    length: 255,
    nullable: true,
  })
  correlationId!: string | null;

  /** When the event happened (epoch ms), as told by the host. */
  @Column({
    name: 'occurred_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  occurredAt!: number;

  /** True once the event's deliveries exist. */
  @Column({
    name: 'fanned_out',
    type: 'boolean',
    width: 1, // tinyint(1) on MySQL, as the migration makes it
    default: false,
  })
  fannedOut!: boolean;

  /**
   * Until when (epoch ms) one fan-out process holds this event; another may
   * take it after that. Null when nobody does.
   */
  @Column({
    name: 'fanout_lease_until',
    type: 'bigint',
    nullable: true,
    transformer: epochMsTransformer,
  })
  fanoutLeaseUntil!: number | null;

  @Column({
    name: 'created_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  createdAt!: number;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from './epoch-ms.transformer';

/** Where a delivery stands. */
export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/**
 * One event for one webhook. Its uuid is the `webhook-id` header, identical
 * on every attempt. The body is rendered once and kept, so every attempt
 * sends the same bytes.
 *
 * A claimed delivery stays `PENDING` with `next_attempt_at` pushed to the end
 * of its lease: if the claiming process dies, the row simply becomes due
 * again when the lease runs out.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('idx_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('idx_webhook_deliveries_webhook', ['webhookUuid', 'createdAt'])
@Index('idx_webhook_deliveries_company', ['companyUuid', 'createdAt'])
@Index('uq_webhook_deliveries_event_webhook', ['eventUuid', 'webhookUuid'], {
  unique: true,
})
export class WebhookDeliveryEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 64 })
  uuid!: string;

  @Column({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;

  @Column({ name: 'webhook_uuid', type: 'varchar', length: 36 })
  webhookUuid!: string;

  @Column({ name: 'event_uuid', type: 'varchar', length: 36 })
  eventUuid!: string;

  @Column({ name: 'topic', type: 'varchar', length: 255 })
  topic!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  /** The exact body bytes (UTF-8 JSON) sent on every attempt. */
  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'attempt_count', type: 'int', default: 0 })
  attemptCount!: number;

  @Column({
    name: 'next_attempt_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  nextAttemptAt!: number;

  /** Random token of the current claim; only its holder may complete. */
  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({
    name: 'lease_expires_at',
    type: 'bigint',
    nullable: true,
    transformer: epochMsTransformer,
  })
  leaseExpiresAt!: number | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1024, nullable: true })
  lastError!: string | null;

  @Column({
    name: 'delivered_at',
    type: 'bigint',
    nullable: true,
    transformer: epochMsTransformer,
  })
  deliveredAt!: number | null;

  @Column({
    name: 'created_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  createdAt!: number;

  @Column({
    name: 'updated_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  updatedAt!: number;
}

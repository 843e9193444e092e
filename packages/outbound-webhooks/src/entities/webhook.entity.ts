import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from './epoch-ms.transformer';

/** Whether a webhook receives events. */
export type WebhookStatus = 'ACTIVE' | 'DISABLED';

/** A subscription of one company: a topic, a URL, a secret and settings. */
@Entity({ name: 'webhook_webhooks' })
@Index('idx_webhook_webhooks_company_created', [
  'companyUuid',
  'createdAt',
  'uuid',
])
@Index('idx_webhook_webhooks_company_enabled', ['companyUuid', 'enabled'])
export class WebhookEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;

  @Column({ name: 'app_uuid', type: 'varchar', length: 36, nullable: true })
  appUuid!: string | null;

  @Column({ name: 'url', type: 'varchar', length: 2048 })
  url!: string;

  /** The signing secret, encrypted when the module has an encryption key. */
  @Column({ name: 'secret', type: 'text' })
  secret!: string;

  /** The secret before the last rotation; still signs until expiry. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret!: string | null;

  @Column({
    name: 'previous_secret_expires_at',
    type: 'bigint',
    nullable: true,
    transformer: epochMsTransformer,
  })
  previousSecretExpiresAt!: number | null;

  @Column({ name: 'topic', type: 'varchar', length: 255 })
  topic!: string;

  @Column({ name: 'name', type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ name: 'label', type: 'varchar', length: 255, nullable: true })
  label!: string | null;

  @Column({ name: 'description', type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'webhook_format', type: 'varchar', length: 64 })
  webhookFormat!: string;

  /** The record filter (SPEC 5), as JSON. */
  @Column({ name: 'filter', type: 'simple-json', nullable: true })
  filter!: unknown;

  @Column({ name: 'include_relations', type: 'simple-json', nullable: true })
  includeRelations!: string[] | null;

  @Column({ name: 'relation_filters', type: 'simple-json', nullable: true })
  relationFilters!: Record<string, unknown> | null;

  @Column({ name: 'relation_limit', type: 'int', nullable: true })
  relationLimit!: number | null;

  @Column({
    name: 'retry_enabled',
    type: 'boolean',
    width: 1, // tinyint(1) on MySQL, as the migration makes it
    default: true,
  })
  retryEnabled!: boolean;

  @Column({ name: 'max_retries', type: 'int', nullable: true })
  maxRetries!: number | null;

  @Column({ name: 'retry_backoff_ms', type: 'int', nullable: true })
  retryBackoffMs!: number | null;

  @Column({
    name: 'enabled',
    type: 'boolean',
    width: 1, // tinyint(1) on MySQL, as the migration makes it
    default: true,
  })
  enabled!: boolean;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'ACTIVE' })
  status!: WebhookStatus;

  @Column({
    name: 'disabled_reason',
    type: 'varchar',
    length: 512,
    nullable: true,
  })
  disabledReason!: string | null;

  @Column({ name: 'delivery_mode', type: 'varchar', length: 16 })
  deliveryMode!: string;

  /** First failure since the last success; drives the auto-disable. */
  @Column({
    name: 'failing_since',
    type: 'bigint',
    nullable: true,
    transformer: epochMsTransformer,
  })
  failingSince!: number | null;

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

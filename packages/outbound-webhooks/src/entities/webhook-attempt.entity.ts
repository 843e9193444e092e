import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from './epoch-ms.transformer';

/** How an attempt went wrong, when it did. */
export type AttemptErrorKind =
  | 'HTTP_STATUS'
  | 'TIMEOUT'
  | 'DNS'
  | 'CONNECT'
  | 'TLS'
  | 'BLOCKED_ADDRESS'
  | 'INVALID_URL'
  | 'NETWORK';

/** One HTTP request of a delivery. Never holds the secret or signature. */
@Entity({ name: 'webhook_attempts' })
@Index('idx_webhook_attempts_delivery', ['deliveryUuid', 'attemptNumber'])
@Index('idx_webhook_attempts_webhook', ['webhookUuid', 'requestedAt'])
export class WebhookAttemptEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'delivery_uuid', type: 'varchar', length: 64 })
  deliveryUuid!: string;

  @Column({ name: 'webhook_uuid', type: 'varchar', length: 36 })
  webhookUuid!: string;

  @Column({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;

  /** 1 for the first attempt. */
  @Column({ name: 'attempt_number', type: 'int' })
  attemptNumber!: number;

  @Column({
    name: 'requested_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  requestedAt!: number;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs!: number;

  @Column({
    name: 'succeeded',
    type: 'boolean',
    width: 1, // tinyint(1) on MySQL, as the migration makes it
    default: false,
  })
  succeeded!: boolean;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'error_kind', type: 'varchar', length: 32, nullable: true })
  errorKind!: AttemptErrorKind | null;

  @Column({
    name: 'error_message',
    type: 'varchar',
    length: 1024,
    nullable: true,
  })
  errorMessage!: string | null;

  /** The response body, cut at the module's cap. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;
}

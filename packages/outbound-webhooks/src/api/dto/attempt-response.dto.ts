import { ApiProperty } from '@nestjs/swagger';
import type { WebhookAttemptEntity } from '../../entities/webhook-attempt.entity';

/** One HTTP request of a delivery, as recorded. */
export class AttemptResponseDto {
  @ApiProperty()
  uuid!: string;

  @ApiProperty()
  deliveryUuid!: string;

  @ApiProperty({ description: '1 for the first attempt.' })
  attemptNumber!: number;

  @ApiProperty({ description: 'Epoch ms.' })
  requestedAt!: number;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty()
  succeeded!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  statusCode!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: [
      'HTTP_STATUS',
      'TIMEOUT',
      'DNS',
      'CONNECT',
      'TLS',
      'BLOCKED_ADDRESS',
      'INVALID_URL',
      'NETWORK',
    ],
  })
  errorKind!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The response body, cut at the module cap.',
  })
  responseBody!: string | null;

  /** Copies an attempt row. */
  static fromEntity(entity: WebhookAttemptEntity): AttemptResponseDto {
    return Object.assign(new AttemptResponseDto(), {
      uuid: entity.uuid,
      deliveryUuid: entity.deliveryUuid,
      attemptNumber: entity.attemptNumber,
      requestedAt: entity.requestedAt,
      durationMs: entity.durationMs,
      succeeded: Boolean(entity.succeeded),
      statusCode: entity.statusCode ?? null,
      errorKind: entity.errorKind ?? null,
      errorMessage: entity.errorMessage ?? null,
      responseBody: entity.responseBody ?? null,
    });
  }
}

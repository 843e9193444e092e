import { ApiProperty } from '@nestjs/swagger';
import type { WebhookDeliveryEntity } from '../../entities/webhook-delivery.entity';

/** One delivery (one event for one webhook), without its body or lease. */
export class DeliveryResponseDto {
  @ApiProperty({ description: 'The webhook-id header of every attempt.' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  webhookUuid!: string;

  @ApiProperty({ format: 'uuid' })
  eventUuid!: string;

  @ApiProperty({ example: 'record.candidate.created' })
  topic!: string;

  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] })
  status!: string;

  @ApiProperty()
  attemptCount!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Epoch ms of the next attempt while PENDING; null once the delivery is finished.',
  })
  nextAttemptAt!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Epoch ms.' })
  deliveredAt!: number | null;

  @ApiProperty({ description: 'Epoch ms.' })
  createdAt!: number;

  @ApiProperty({ description: 'Epoch ms.' })
  updatedAt!: number;

  /** Copies the public fields of a delivery row. */
  static fromEntity(entity: WebhookDeliveryEntity): DeliveryResponseDto {
    return Object.assign(new DeliveryResponseDto(), {
      uuid: entity.uuid,
      webhookUuid: entity.webhookUuid,
      eventUuid: entity.eventUuid,
      topic: entity.topic,
      status: entity.status,
      attemptCount: entity.attemptCount,
      // A finished row keeps the end of its last lease there: not a plan.
      nextAttemptAt: entity.status === 'PENDING' ? entity.nextAttemptAt : null,
      lastStatusCode: entity.lastStatusCode ?? null,
      lastError: entity.lastError ?? null,
      deliveredAt: entity.deliveredAt ?? null,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
  }
}

import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryAttemptSummary } from '../../delivery/delivery-attempt-summary.interface';

/** Result of `POST /{uuid}/test`: the one attempt of the test delivery. */
export class TestEventResultDto implements DeliveryAttemptSummary {
  @ApiProperty({ description: 'The webhook-id header that was sent.' })
  deliveryUuid!: string;

  @ApiProperty({ type: Number, nullable: true })
  attemptNumber!: number | null;

  @ApiProperty({ enum: ['SUCCEEDED', 'FAILED', 'CANCELLED'] })
  deliveryStatus!: DeliveryAttemptSummary['deliveryStatus'];

  @ApiProperty()
  succeeded!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  errorKind!: DeliveryAttemptSummary['errorKind'];

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Epoch ms.' })
  requestedAt!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  durationMs!: number | null;

  @ApiProperty({ type: String, nullable: true })
  responseBody!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Always null: never retried.',
  })
  nextAttemptAt!: number | null;
}

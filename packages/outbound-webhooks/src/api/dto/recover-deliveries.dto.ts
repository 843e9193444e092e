import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Largest epoch-ms instant accepted (the ECMAScript Date range). */
export const EPOCH_MS_MAX = 8.64e15;

const hint = (correctionSuggestion: string) => ({
  context: { correctionSuggestion },
});

/** Body of `POST /{uuid}/recover`: a creation-time range, epoch ms, inclusive. */
export class RecoverDeliveriesDto {
  @ApiProperty({
    description: 'Epoch ms, inclusive.',
    minimum: 0,
    maximum: EPOCH_MS_MAX,
    example: 1764700000000,
  })
  @IsInt(hint('Send epoch milliseconds as a whole number.'))
  @Min(0, hint('Send epoch milliseconds, 0 or more.'))
  @Max(EPOCH_MS_MAX, hint('Send epoch milliseconds of at most 8.64e15.'))
  since!: number;

  @ApiProperty({
    description: 'Epoch ms, inclusive.',
    minimum: 0,
    maximum: EPOCH_MS_MAX,
    example: 1764786400000,
  })
  @IsInt(hint('Send epoch milliseconds as a whole number.'))
  @Min(0, hint('Send epoch milliseconds, 0 or more.'))
  @Max(EPOCH_MS_MAX, hint('Send epoch milliseconds of at most 8.64e15.'))
  until!: number;
}

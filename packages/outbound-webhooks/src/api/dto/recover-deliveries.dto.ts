import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

const hint = (correctionSuggestion: string) => ({
  context: { correctionSuggestion },
});

/** Body of `POST /{uuid}/recover`: a creation-time range, epoch ms, inclusive. */
export class RecoverDeliveriesDto {
  @ApiProperty({ description: 'Epoch ms, inclusive.', example: 1764700000000 })
  @IsInt(hint('Send epoch milliseconds as a whole number.'))
  @Min(0, hint('Send epoch milliseconds, 0 or more.'))
  since!: number;

  @ApiProperty({ description: 'Epoch ms, inclusive.', example: 1764786400000 })
  @IsInt(hint('Send epoch milliseconds as a whole number.'))
  @Min(0, hint('Send epoch milliseconds, 0 or more.'))
  until!: number;
}

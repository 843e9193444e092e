import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  PAGINATION_DEFAULT_LIMIT,
  PAGINATION_MAX_LIMIT,
  PAGINATION_MAX_PAGE,
} from './pagination-request.dto';

const hint = (correctionSuggestion: string) => ({
  context: { correctionSuggestion },
});

/** Query of `GET /{uuid}/deliveries`: a page, newest first. */
export class DeliveryListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGINATION_MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(hint('Send a whole page number, 1 or more.'))
  @Min(1, hint('Pages are one-based: send 1 or more.'))
  @Max(
    PAGINATION_MAX_PAGE,
    hint(`Send a page number of at most ${PAGINATION_MAX_PAGE}.`),
  )
  page?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: PAGINATION_MAX_LIMIT,
    default: PAGINATION_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt(hint(`Send a whole number from 1 to ${PAGINATION_MAX_LIMIT}.`))
  @Min(1, hint(`Send a limit from 1 to ${PAGINATION_MAX_LIMIT}.`))
  @Max(
    PAGINATION_MAX_LIMIT,
    hint(`Send a limit from 1 to ${PAGINATION_MAX_LIMIT}.`),
  )
  limit?: number;

  @ApiPropertyOptional({
    enum: ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED'],
  })
  @IsOptional()
  @IsIn(
    ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED'],
    hint('Use PENDING, SUCCEEDED, FAILED or CANCELLED.'),
  )
  status?: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
}

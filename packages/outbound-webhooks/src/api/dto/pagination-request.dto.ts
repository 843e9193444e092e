import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FilterSchemaDto } from './filter-schema.dto';
import { SortItemDto } from './sort-item.dto';

/** Largest page size (SPEC 8.4). */
export const PAGINATION_MAX_LIMIT = 100;
/** Largest page number (keeps the SQL offset small and whole). */
export const PAGINATION_MAX_PAGE = 1_000_000;
/** Page size when the request names none. */
export const PAGINATION_DEFAULT_LIMIT = 25;

const hint = (correctionSuggestion: string) => ({
  context: { correctionSuggestion },
});

/** Body of `POST /index` and `POST /index/{topic}` (SPEC 8.4). */
export class PaginationRequestDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: PAGINATION_MAX_PAGE,
    default: 1,
    description: 'One-based.',
  })
  @IsOptional()
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
  @IsInt(hint(`Send a whole number from 1 to ${PAGINATION_MAX_LIMIT}.`))
  @Min(1, hint(`Send a limit from 1 to ${PAGINATION_MAX_LIMIT}.`))
  @Max(
    PAGINATION_MAX_LIMIT,
    hint(`Send a limit from 1 to ${PAGINATION_MAX_LIMIT}.`),
  )
  limit?: number;

  @ApiPropertyOptional({
    description:
      'Case-insensitive substring of topic, url, name, label or description.',
  })
  @IsOptional()
  @IsString(hint('Send the search text as a string.'))
  @MaxLength(255, hint('Search with at most 255 characters.'))
  query?: string;

  @ApiPropertyOptional({
    type: () => FilterSchemaDto,
    description:
      'Over webhook fields: uuid, topic, url, name, label, description, enabled, status, disabledReason, webhookFormat, appUuid, deliveryMode, retryEnabled, maxRetries, retryBackoffMs, relationLimit, createdAt, updatedAt.',
  })
  @IsOptional()
  @IsObject(hint('Send a filter object: { "groups": [ { "items": [...] } ] }.'))
  filter?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    type: () => FilterSchemaDto,
    description: 'Alias of `filter`.',
  })
  @IsOptional()
  @IsObject(hint('Send a filter object: { "groups": [ { "items": [...] } ] }.'))
  filters?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: [SortItemDto] })
  @IsOptional()
  @IsArray(hint('Send sort as an array of { property, direction }.'))
  sort?: unknown[];
}

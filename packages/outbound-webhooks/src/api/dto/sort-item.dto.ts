import { ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shape of one sort entry (SPEC 8.4). Parsed by `parsePaginationRequest`. */
export class SortItemDto {
  @ApiPropertyOptional({
    example: 'createdAt',
    description:
      'createdAt, updatedAt, topic, url, name, label, status, enabled, webhookFormat.',
  })
  property?: string;

  @ApiPropertyOptional({ description: 'Alias of `property`.' })
  key?: string;

  @ApiPropertyOptional({
    enum: ['ASC', 'DESC', 'asc', 'desc'],
    default: 'ASC',
  })
  direction?: string;
}

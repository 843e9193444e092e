import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shape of one filter item (SPEC 5). Documentation only. */
export class FilterItemSchemaDto {
  @ApiPropertyOptional({ example: 'candidate' })
  object?: string;

  @ApiPropertyOptional({ description: 'Relation name, or `*` for any.' })
  relation?: string;

  @ApiPropertyOptional({ example: 'email' })
  property?: string;

  @ApiProperty({
    example: 'EQUALS',
    description:
      'EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, BETWEEN, IN, NOT_IN, IS_EMPTY, IS_NOT_EMPTY, CHANGED, CHANGED_FROM, CHANGED_TO (case-insensitive; aliases eq, equals_exactly, neq, IS_SET, IS_NOT_SET).',
  })
  operator!: string;

  @ApiPropertyOptional({ description: 'Any JSON value the operator expects.' })
  value?: unknown;

  @ApiPropertyOptional()
  relationIncluded?: boolean;
}

/** OpenAPI shape of one filter group: its items are AND-ed. */
export class FilterGroupSchemaDto {
  @ApiProperty({
    type: [FilterItemSchemaDto],
    description: 'An array, or a single item object.',
  })
  items!: FilterItemSchemaDto[];
}

/** OpenAPI shape of a filter (SPEC 5): groups are OR-ed. */
export class FilterSchemaDto {
  @ApiProperty({ type: [FilterGroupSchemaDto] })
  groups!: FilterGroupSchemaDto[];
}

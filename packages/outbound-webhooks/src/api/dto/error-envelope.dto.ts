import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One entry of the error envelope (SPEC 8.1). */
export class ErrorEntryDto {
  @ApiProperty({
    enum: [
      'VALIDATION',
      'NOT_FOUND',
      'INVALID_VALUE',
      'GENERAL',
      'INTERNAL_SERVER_ERROR',
    ],
  })
  type!: string;

  @ApiProperty({ example: 'Unknown field "colour".' })
  message!: string;

  @ApiPropertyOptional({ example: 'filter.groups[0].items[1].operator' })
  field?: string;

  @ApiPropertyOptional({ example: 'Use one of: EQUALS, NOT_EQUALS, ...' })
  correctionSuggestion?: string;
}

/** The body of every error response of the webhooks API (SPEC 8.1). */
export class ErrorEnvelopeDto {
  @ApiProperty({ example: 'Invalid request' })
  message!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ type: [ErrorEntryDto] })
  errors!: ErrorEntryDto[];

  @ApiProperty({
    description: 'The x-request-id header when sent, a uuid otherwise.',
  })
  requestId!: string;
}

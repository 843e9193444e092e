import {
  ApiHideProperty,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  WEBHOOK_DESCRIPTION_MAX_LENGTH,
  WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT,
  WEBHOOK_LABEL_MAX_LENGTH,
  WEBHOOK_NAME_MAX_LENGTH,
  WEBHOOK_RELATION_NAME_MAX_LENGTH,
  WEBHOOK_SECRET_MAX_LENGTH,
  WEBHOOK_SECRET_MIN_LENGTH,
  WEBHOOK_TOPIC_MAX_LENGTH,
  WEBHOOK_URL_MAX_LENGTH,
} from '../../security/input-limits';
import { IsWebhookSecret } from './webhook-secret.rule';
import { FilterSchemaDto } from './filter-schema.dto';

/** Largest `relationLimit`. */
export const WEBHOOK_RELATION_LIMIT_MAX = 1000;
/** Largest `maxRetries`. */
export const WEBHOOK_MAX_RETRIES_MAX = 100;
/** Largest `retryBackoffMs` (one day). */
export const WEBHOOK_RETRY_BACKOFF_MAX_MS = 86_400_000;

const hint = (correctionSuggestion: string) => ({
  context: { correctionSuggestion },
});

/**
 * Body of `POST /` and `POST /apps/{appUuid}` (SPEC 8.2). Unknown fields are
 * refused; the read-only fields of the response object are accepted and
 * ignored, so a fetched webhook can be sent back as is.
 */
export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://example.com/hooks/candidates',
    maxLength: WEBHOOK_URL_MAX_LENGTH,
    description: 'Absolute http(s) URL, stored and called exactly as given.',
  })
  @IsString(hint('Send the URL as a string, e.g. "https://example.com/hook".'))
  @IsNotEmpty(hint('Send an absolute http(s) URL.'))
  @MaxLength(
    WEBHOOK_URL_MAX_LENGTH,
    hint(`Use a URL of at most ${WEBHOOK_URL_MAX_LENGTH} characters.`),
  )
  url!: string;

  @ApiProperty({
    writeOnly: true,
    minLength: WEBHOOK_SECRET_MIN_LENGTH,
    maxLength: WEBHOOK_SECRET_MAX_LENGTH,
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Signing secret; `whsec_<base64>` accepted. Never returned.',
  })
  @IsString(hint('Send the secret as a string.'))
  @Length(
    WEBHOOK_SECRET_MIN_LENGTH,
    WEBHOOK_SECRET_MAX_LENGTH,
    hint(
      `Use a secret of ${WEBHOOK_SECRET_MIN_LENGTH} to ${WEBHOOK_SECRET_MAX_LENGTH} characters, e.g. "whsec_" followed by base64 of 24 random bytes.`,
    ),
  )
  @IsWebhookSecret()
  secret!: string;

  @ApiProperty({
    example: 'record.candidate.created',
    maxLength: WEBHOOK_TOPIC_MAX_LENGTH,
  })
  @IsString(hint('Send a topic such as "record.candidate.created".'))
  @IsNotEmpty(hint('Send a topic such as "record.candidate.created".'))
  @MaxLength(
    WEBHOOK_TOPIC_MAX_LENGTH,
    hint(`Use a topic of at most ${WEBHOOK_TOPIC_MAX_LENGTH} characters.`),
  )
  topic!: string;

  @ApiPropertyOptional({ maxLength: WEBHOOK_NAME_MAX_LENGTH, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(
    WEBHOOK_NAME_MAX_LENGTH,
    hint(`Use at most ${WEBHOOK_NAME_MAX_LENGTH} characters.`),
  )
  name?: string | null;

  @ApiPropertyOptional({
    maxLength: WEBHOOK_LABEL_MAX_LENGTH,
    nullable: true,
    description:
      'Derived from the topic when absent, e.g. "Candidate created".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(
    WEBHOOK_LABEL_MAX_LENGTH,
    hint(`Use at most ${WEBHOOK_LABEL_MAX_LENGTH} characters.`),
  )
  label?: string | null;

  @ApiPropertyOptional({
    maxLength: WEBHOOK_DESCRIPTION_MAX_LENGTH,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(
    WEBHOOK_DESCRIPTION_MAX_LENGTH,
    hint(`Use at most ${WEBHOOK_DESCRIPTION_MAX_LENGTH} characters.`),
  )
  description?: string | null;

  @ApiPropertyOptional({
    example: 'LEGACY',
    default: 'LEGACY',
    description: 'LEGACY, USER_FRIENDLY, RAW or a format the host registered.',
  })
  @IsOptional()
  @IsString(hint('Send a format name from GET /formats, e.g. "LEGACY".'))
  @IsNotEmpty(hint('Send a format name from GET /formats, e.g. "LEGACY".'))
  @MaxLength(64, hint('Send a format name from GET /formats.'))
  webhookFormat?: string;

  @ApiPropertyOptional({ type: () => FilterSchemaDto, nullable: true })
  @IsOptional()
  @IsObject(hint('Send a filter object: { "groups": [ { "items": [...] } ] }.'))
  filter?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: [String], example: ['vacancies'] })
  @IsOptional()
  @IsArray(hint('Send an array of relation names.'))
  @ArrayMaxSize(
    WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT,
    hint(`List at most ${WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT} relation names.`),
  )
  @IsString({ each: true, ...hint('Send relation names as strings.') })
  @IsNotEmpty({ each: true, ...hint('Relation names must not be empty.') })
  @MaxLength(WEBHOOK_RELATION_NAME_MAX_LENGTH, {
    each: true,
    ...hint(
      `Use relation names of at most ${WEBHOOK_RELATION_NAME_MAX_LENGTH} characters.`,
    ),
  })
  includeRelations?: string[] | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FilterSchemaDto' },
    description: 'Relation name → filter on the related records.',
    nullable: true,
  })
  @IsOptional()
  @IsObject(hint('Send an object of relation name → filter.'))
  relationFilters?: Record<string, unknown> | null;

  @ApiPropertyOptional({ minimum: 1, maximum: WEBHOOK_RELATION_LIMIT_MAX })
  @IsOptional()
  @IsInt(hint('Send a whole number of at least 1.'))
  @Min(1, hint('Send a whole number of at least 1.'))
  @Max(
    WEBHOOK_RELATION_LIMIT_MAX,
    hint(`Send at most ${WEBHOOK_RELATION_LIMIT_MAX}.`),
  )
  relationLimit?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  retryEnabled?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: WEBHOOK_MAX_RETRIES_MAX,
    description: 'Retries after the first attempt; module default when absent.',
  })
  @IsOptional()
  @IsInt(hint('Send a whole number of 0 or more.'))
  @Min(0, hint('Send 0 or more; 0 means no retry.'))
  @Max(
    WEBHOOK_MAX_RETRIES_MAX,
    hint(`Send at most ${WEBHOOK_MAX_RETRIES_MAX}.`),
  )
  maxRetries?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: WEBHOOK_RETRY_BACKOFF_MAX_MS,
    description: 'First retry delay in ms, doubled per retry.',
  })
  @IsOptional()
  @IsInt(hint('Send a whole number of milliseconds.'))
  @Min(0, hint('Send 0 or more milliseconds.'))
  @Max(
    WEBHOOK_RETRY_BACKOFF_MAX_MS,
    hint(`Send at most ${WEBHOOK_RETRY_BACKOFF_MAX_MS} ms (one day).`),
  )
  retryBackoffMs?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: ['HTTP'], default: 'HTTP' })
  @IsOptional()
  @IsIn(['HTTP'], hint('Use "HTTP", the only delivery mode of this module.'))
  deliveryMode?: string;

  /** Read-only response fields: accepted and ignored. */
  @ApiHideProperty()
  @Allow()
  uuid?: unknown;

  @ApiHideProperty()
  @Allow()
  appUuid?: unknown;

  @ApiHideProperty()
  @Allow()
  status?: unknown;

  @ApiHideProperty()
  @Allow()
  disabledReason?: unknown;

  @ApiHideProperty()
  @Allow()
  createdAt?: unknown;

  @ApiHideProperty()
  @Allow()
  updatedAt?: unknown;
}

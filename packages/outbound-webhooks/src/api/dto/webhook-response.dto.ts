import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEntity } from '../../entities/webhook.entity';
import { FilterSchemaDto } from './filter-schema.dto';

/**
 * The webhook object of SPEC 8.2 as every endpoint returns it: the request
 * fields except `secret`, plus identity, status and times (epoch ms).
 */
export class WebhookResponseDto {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  appUuid!: string | null;

  @ApiProperty({ example: 'https://example.com/hooks/candidates' })
  url!: string;

  @ApiProperty({ example: 'record.candidate.created' })
  topic!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Candidate created' })
  label!: string | null;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ example: 'LEGACY' })
  webhookFormat!: string;

  @ApiProperty({ type: () => FilterSchemaDto, nullable: true })
  filter!: unknown;

  @ApiProperty({ type: [String], nullable: true })
  includeRelations!: string[] | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FilterSchemaDto' },
    nullable: true,
  })
  relationFilters!: Record<string, unknown> | null;

  @ApiProperty({ type: Number, nullable: true })
  relationLimit!: number | null;

  @ApiProperty()
  retryEnabled!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  maxRetries!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  retryBackoffMs!: number | null;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ enum: ['HTTP'] })
  deliveryMode!: string;

  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] })
  status!: 'ACTIVE' | 'DISABLED';

  @ApiProperty({ type: String, nullable: true })
  disabledReason!: string | null;

  @ApiProperty({ description: 'Epoch milliseconds.', example: 1764700000000 })
  createdAt!: number;

  @ApiProperty({ description: 'Epoch milliseconds.', example: 1764700000000 })
  updatedAt!: number;

  /** Copies the public fields of an entity; the secrets never leave it. */
  static fromEntity(entity: WebhookEntity): WebhookResponseDto {
    const dto = new WebhookResponseDto();
    Object.assign(dto, {
      uuid: entity.uuid,
      appUuid: entity.appUuid ?? null,
      url: entity.url,
      topic: entity.topic,
      name: entity.name ?? null,
      label: entity.label ?? null,
      description: entity.description ?? null,
      webhookFormat: entity.webhookFormat,
      filter: entity.filter ?? null,
      includeRelations: entity.includeRelations ?? null,
      relationFilters: entity.relationFilters ?? null,
      relationLimit: entity.relationLimit ?? null,
      retryEnabled: Boolean(entity.retryEnabled),
      maxRetries: entity.maxRetries ?? null,
      retryBackoffMs: entity.retryBackoffMs ?? null,
      enabled: Boolean(entity.enabled),
      deliveryMode: entity.deliveryMode,
      status: entity.status,
      disabledReason: entity.disabledReason ?? null,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    });
    return dto;
  }
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { WebhookValidationError } from '../../errors/webhook-validation.error';
import { validateFilter } from '../../filters/filter.validator';
import { WebhookFormatRegistry } from '../../formatters/webhook-format.registry';
import { WEBHOOKS_NETWORK_POLICY } from '../../security/network-policy.interface';
import type { NetworkPolicy } from '../../security/network-policy.interface';
import {
  WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT,
  WEBHOOK_RELATION_NAME_MAX_LENGTH,
} from '../../security/input-limits';
import {
  URL_CHARACTER_HINT,
  findInvalidUrlCharacter,
} from '../../security/url-characters';
import { WebhookTopicCatalogue } from '../../topics/webhook-topic.catalogue';
import type { CreateWebhookDto } from '../dto/create-webhook.dto';
import type { UpdateWebhookDto } from '../dto/update-webhook.dto';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { unknownFilterKeyErrors } from '../queries/filter-keys';

/** The fields of a webhook after semantic validation, ready to store. */
export interface ValidatedWebhookFields {
  url?: string;
  secret?: string;
  topic?: string;
  name?: string | null;
  label?: string | null;
  description?: string | null;
  webhookFormat?: string;
  filter?: unknown;
  includeRelations?: string[] | null;
  relationFilters?: Record<string, unknown> | null;
  relationLimit?: number | null;
  retryEnabled?: boolean;
  maxRetries?: number | null;
  retryBackoffMs?: number | null;
  enabled?: boolean;
  deliveryMode?: string;
}

/** Fields that exist on every webhook: `null` cannot clear them. */
const NOT_NULLABLE = [
  'url',
  'secret',
  'topic',
  'webhookFormat',
  'retryEnabled',
  'enabled',
  'deliveryMode',
] as const;

function entryOf(error: WebhookValidationError): ApiErrorEntry {
  return {
    type: error.type,
    message: error.message,
    field: error.field,
    correctionSuggestion: error.correctionSuggestion,
  };
}

/**
 * The checks a DTO cannot express: topic grammar and catalogue, record
 * filters, the format name and the URL rules of SPEC 9 (network policy).
 * Collects every problem into one 400.
 */
@Injectable()
export class WebhookInputValidator {
  constructor(
    private readonly topics: WebhookTopicCatalogue,
    private readonly formats: WebhookFormatRegistry,
    @Optional()
    @Inject(WEBHOOKS_NETWORK_POLICY)
    private readonly networkPolicy?: NetworkPolicy,
  ) {}

  /**
   * Validates the fields present in `dto` and returns them normalized
   * (topic lower-case, filters canonical). Absent fields stay absent.
   */
  async validate(
    dto: CreateWebhookDto | UpdateWebhookDto,
  ): Promise<ValidatedWebhookFields> {
    const { fields, errors } = await this.check(dto);
    if (errors.length > 0) throw new InvalidRequestError(errors);
    return fields;
  }

  /**
   * The content problems of the fields present in `dto`, without throwing:
   * the body pipe adds them to the shape errors of the same request, so a
   * client sees every problem at once.
   */
  async contentErrors(
    dto: CreateWebhookDto | UpdateWebhookDto,
  ): Promise<ApiErrorEntry[]> {
    return (await this.check(dto)).errors;
  }

  private async check(
    dto: CreateWebhookDto | UpdateWebhookDto,
  ): Promise<{ fields: ValidatedWebhookFields; errors: ApiErrorEntry[] }> {
    const errors: ApiErrorEntry[] = [];
    const guard = async <T>(
      run: () => T | Promise<T>,
    ): Promise<T | undefined> => {
      try {
        return await run();
      } catch (error) {
        if (error instanceof WebhookValidationError) {
          errors.push(entryOf(error));
          return undefined;
        }
        throw error;
      }
    };
    for (const field of NOT_NULLABLE) {
      if (dto[field] === null) {
        errors.push({
          type: 'VALIDATION',
          field,
          message: `${field} cannot be null.`,
          correctionSuggestion: `Leave ${field} out to keep its value, or send a new one.`,
        });
      }
    }
    const out: ValidatedWebhookFields = {};
    for (const key of [
      'url',
      'secret',
      'name',
      'label',
      'description',
      'includeRelations',
      'relationLimit',
      'retryEnabled',
      'maxRetries',
      'retryBackoffMs',
      'enabled',
      'deliveryMode',
    ] as const) {
      if (dto[key] !== undefined) Object.assign(out, { [key]: dto[key] });
    }
    if (typeof dto.topic === 'string') {
      out.topic = await guard(() => this.topics.validate(dto.topic));
    }
    if (typeof dto.webhookFormat === 'string') {
      out.webhookFormat = await guard(() =>
        this.formats.normalize(dto.webhookFormat),
      );
    }
    const unknownKeys = [
      ...unknownFilterKeyErrors(dto.filter, 'filter'),
      ...Object.entries(dto.relationFilters ?? {}).flatMap(
        ([relation, filter]) =>
          unknownFilterKeyErrors(filter, `relationFilters.${relation}`),
      ),
    ];
    errors.push(...unknownKeys);
    if (dto.filter !== undefined && unknownKeys.length === 0) {
      out.filter = await guard(() => validateFilter(dto.filter, 'filter'));
    }
    if (dto.relationFilters !== undefined && unknownKeys.length === 0) {
      out.relationFilters = await guard(() =>
        this.validateRelationFilters(dto.relationFilters ?? null),
      );
    }
    if (typeof dto.url === 'string') {
      await guard(() => this.assertUrl(dto.url as string));
    }
    return { fields: out, errors };
  }

  /** Applies the URL rules of SPEC 9 (also used by the test endpoint). */
  async assertUrl(url: string): Promise<void> {
    if (this.networkPolicy) {
      await this.networkPolicy.assertUrlAllowed(url);
      return;
    }
    const invalid = findInvalidUrlCharacter(url);
    if (invalid) {
      throw new WebhookValidationError(
        `url contains ${invalid.description} at position ${invalid.index + 1}, which is not valid in an HTTP request.`,
        'url',
        URL_CHARACTER_HINT,
      );
    }
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = '';
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new WebhookValidationError(
        'url must be an absolute http or https URL.',
        'url',
        'Send a URL such as "https://example.com/hooks".',
      );
    }
  }

  private validateRelationFilters(
    raw: Record<string, unknown> | null,
  ): Record<string, unknown> | null {
    if (raw === null) return null;
    const count = Object.keys(raw).length;
    if (count > WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT) {
      throw new WebhookValidationError(
        `relationFilters names ${count} relations.`,
        'relationFilters',
        `Filter at most ${WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT} relations.`,
      );
    }
    const long = Object.keys(raw).find(
      (relation) => relation.length > WEBHOOK_RELATION_NAME_MAX_LENGTH,
    );
    if (long !== undefined) {
      throw new WebhookValidationError(
        `relationFilters names a relation of ${long.length} characters.`,
        'relationFilters',
        `Use relation names of at most ${WEBHOOK_RELATION_NAME_MAX_LENGTH} characters, as in includeRelations.`,
      );
    }
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(raw).map(([relation, filter]) => [
        relation,
        validateFilter(filter, `relationFilters.${relation}`),
      ]),
    );
  }

  /** The module's default format name. */
  defaultFormat(): string {
    return this.formats.normalize(undefined);
  }
}

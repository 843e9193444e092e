import type { PaginationRequestDto } from '../dto/pagination-request.dto';
import { PAGINATION_DEFAULT_LIMIT } from '../dto/pagination-request.dto';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { WEBHOOK_LIST_FIELDS, WEBHOOK_SORTABLE_FIELDS } from './webhook-fields';
import { parseWebhookListFilter } from './webhook-list-filter.parser';
import type {
  ListSort,
  WebhookListRequest,
} from './webhook-list-request.interface';

/** The message of every 400 about a pagination request (SPEC 8.4). */
export const INVALID_PAGINATION_MESSAGE = 'Invalid pagination request';

function parseSort(
  raw: unknown[] | undefined,
  errors: ApiErrorEntry[],
): ListSort[] {
  const sort: ListSort[] = [];
  (raw ?? []).forEach((entry, index) => {
    const path = `sort[${index}]`;
    const item =
      typeof entry === 'object' && entry !== null
        ? (entry as Record<string, unknown>)
        : {};
    const unknown = Object.keys(item).filter(
      (key) => key !== 'property' && key !== 'key' && key !== 'direction',
    );
    if (unknown.length > 0) {
      errors.push({
        type: 'VALIDATION',
        field: `${path}.${unknown[0]}`,
        message: `Unknown field "${path}.${unknown[0]}".`,
        correctionSuggestion:
          'Send { "property", "direction" } (or "key" for "property").',
      });
      return;
    }
    if (item.property !== undefined && item.key !== undefined) {
      errors.push({
        type: 'VALIDATION',
        field: `${path}.key`,
        message: `${path} names both "property" and its alias "key".`,
        correctionSuggestion: 'Send only one of "property" and "key".',
      });
      return;
    }
    const field = item.property ?? item.key;
    if (
      typeof field !== 'string' ||
      !Object.hasOwn(WEBHOOK_LIST_FIELDS, field) ||
      !WEBHOOK_LIST_FIELDS[field].sortable
    ) {
      errors.push({
        type: 'VALIDATION',
        field: `${path}.property`,
        message: `Cannot sort by ${JSON.stringify(field ?? null)}.`,
        correctionSuggestion: `Sort by one of: ${WEBHOOK_SORTABLE_FIELDS.join(', ')}.`,
      });
      return;
    }
    const direction = item.direction ?? 'ASC';
    const upper = typeof direction === 'string' ? direction.toUpperCase() : '';
    if (upper !== 'ASC' && upper !== 'DESC') {
      errors.push({
        type: 'VALIDATION',
        field: `${path}.direction`,
        message: `Unknown sort direction ${JSON.stringify(direction)}.`,
        correctionSuggestion: 'Use "ASC" or "DESC" (any case).',
      });
      return;
    }
    if (!sort.some((s) => s.field === field)) {
      sort.push({ field, direction: upper });
    }
  });
  return sort.length > 0 ? sort : [{ field: 'createdAt', direction: 'DESC' }];
}

/**
 * Validates a pagination request and applies its defaults and aliases
 * (`key` for `property`, lower-case directions, `filters` for `filter`).
 * Throws a 400 "Invalid pagination request" listing every problem.
 */
export function parsePaginationRequest(
  dto: PaginationRequestDto | undefined,
  topicContains: string | null = null,
): WebhookListRequest {
  const body = dto ?? {};
  const errors: ApiErrorEntry[] = [];
  const filterRaw = body.filter ?? body.filters;
  const filterPath =
    body.filter !== undefined && body.filter !== null ? 'filter' : 'filters';
  const filter = parseWebhookListFilter(filterRaw, filterPath, errors);
  const sort = parseSort(body.sort, errors);
  if (topicContains?.includes('\u0000')) {
    errors.push({
      type: 'VALIDATION',
      field: 'topic',
      message: 'The topic in the path contains a NUL character.',
      correctionSuggestion: 'Remove %00 from the path.',
    });
  }
  if (errors.length > 0) {
    throw new InvalidRequestError(errors, INVALID_PAGINATION_MESSAGE);
  }
  const query = body.query?.trim();
  return {
    page: body.page ?? 1,
    limit: body.limit ?? PAGINATION_DEFAULT_LIMIT,
    query: query ? query : null,
    topicContains: topicContains?.trim() ? topicContains.trim() : null,
    filter,
    sort,
  };
}

import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { WebhookEntity } from '../../entities/webhook.entity';
import type { ListCondition } from './list-condition.interface';
import { WEBHOOK_SEARCH_FIELDS } from './webhook-fields';
import type { WebhookListRequest } from './webhook-list-request.interface';

/** The alias of the webhook table in list queries. */
const ALIAS = 'webhook';

/**
 * `!` escapes LIKE wildcards: unlike a backslash it means the same in
 * SQLite, PostgreSQL and MariaDB string literals.
 */
function likePattern(text: string, prefix: string, suffix: string): string {
  return `${prefix}${text.toLowerCase().replace(/[!%_]/g, '!$&')}${suffix}`;
}

class ParameterBag {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  constructor(private readonly sqliteBooleans: boolean) {}

  /** Registers a value and returns its placeholder. */
  add(value: unknown): string {
    const name = `wl${this.next++}`;
    this.values[name] =
      this.sqliteBooleans && typeof value === 'boolean' ? Number(value) : value;
    return `:${name}`;
  }

  /** Registers an array for `IN (...)`. */
  addList(values: unknown[]): string {
    const name = `wl${this.next++}`;
    this.values[name] = values.map((v) =>
      this.sqliteBooleans && typeof v === 'boolean' ? Number(v) : v,
    );
    return `(:...${name})`;
  }
}

function conditionSql(c: ListCondition, params: ParameterBag): string {
  const col = `${ALIAS}.${c.field}`;
  const lower = `LOWER(${col})`;
  const [first, second] = c.values;
  const like = (pattern: string) =>
    `${lower} LIKE ${params.add(pattern)} ESCAPE '!'`;
  switch (c.operator) {
    case 'EQUALS':
      return first === null
        ? `${col} IS NULL`
        : `${col} = ${params.add(first)}`;
    case 'NOT_EQUALS':
      return first === null
        ? `${col} IS NOT NULL`
        : `(${col} IS NULL OR ${col} <> ${params.add(first)})`;
    case 'CONTAINS':
      return like(likePattern(String(first), '%', '%'));
    case 'NOT_CONTAINS':
      return `(${col} IS NULL OR NOT (${like(likePattern(String(first), '%', '%'))}))`;
    case 'STARTS_WITH':
      return like(likePattern(String(first), '', '%'));
    case 'ENDS_WITH':
      return like(likePattern(String(first), '%', ''));
    case 'GREATER_THAN':
      return `${col} > ${params.add(first)}`;
    case 'GREATER_THAN_OR_EQUAL':
      return `${col} >= ${params.add(first)}`;
    case 'LESS_THAN':
      return `${col} < ${params.add(first)}`;
    case 'LESS_THAN_OR_EQUAL':
      return `${col} <= ${params.add(first)}`;
    case 'BETWEEN':
      return `(${col} >= ${params.add(first)} AND ${col} <= ${params.add(second)})`;
    case 'IN':
    case 'NOT_IN': {
      const nonNull = c.values.filter((v) => v !== null);
      const hasNull = nonNull.length !== c.values.length;
      const parts: string[] = [];
      if (nonNull.length > 0)
        parts.push(`${col} IN ${params.addList(nonNull)}`);
      if (hasNull) parts.push(`${col} IS NULL`);
      const matches = parts.length > 0 ? `(${parts.join(' OR ')})` : '1 = 0';
      if (c.operator === 'IN') return matches;
      return hasNull || !c.spec.nullable
        ? `NOT ${matches}`
        : `(${col} IS NULL OR NOT ${matches})`;
    }
    case 'IS_EMPTY':
      return c.spec.kind === 'string'
        ? `(${col} IS NULL OR ${col} = '')`
        : `${col} IS NULL`;
    case 'IS_NOT_EMPTY':
      return c.spec.kind === 'string'
        ? `(${col} IS NOT NULL AND ${col} <> '')`
        : `${col} IS NOT NULL`;
  }
}

/**
 * Builds the list query of one company's webhooks: tenant scope, search,
 * filter and order, with every value bound as a parameter and every column
 * name taken from the `WEBHOOK_LIST_FIELDS` whitelist. The caller adds
 * offset/limit for the page, or counts.
 *
 * The default order (`createdAt DESC, uuid DESC`) walks the
 * `(company_uuid, created_at, uuid)` index.
 */
export function buildWebhookListQuery(
  repository: Repository<WebhookEntity>,
  companyUuid: string,
  request: WebhookListRequest,
): SelectQueryBuilder<WebhookEntity> {
  const sqlite = repository.manager.connection.options.type.includes('sqlite');
  const params = new ParameterBag(sqlite);
  const where: string[] = [`${ALIAS}.companyUuid = ${params.add(companyUuid)}`];
  if (request.topicContains) {
    const pattern = params.add(likePattern(request.topicContains, '%', '%'));
    where.push(`LOWER(${ALIAS}.topic) LIKE ${pattern} ESCAPE '!'`);
  }
  if (request.query) {
    const pattern = params.add(likePattern(request.query, '%', '%'));
    const any = WEBHOOK_SEARCH_FIELDS.map(
      (field) => `LOWER(${ALIAS}.${field}) LIKE ${pattern} ESCAPE '!'`,
    );
    where.push(`(${any.join(' OR ')})`);
  }
  if (request.filter.length > 0) {
    const groups = request.filter.map(
      (conditions) =>
        `(${conditions.map((c) => conditionSql(c, params)).join(' AND ')})`,
    );
    where.push(`(${groups.join(' OR ')})`);
  }
  const qb = repository
    .createQueryBuilder(ALIAS)
    .where(where.join(' AND '))
    .setParameters(params.values);
  let tieBreak: 'ASC' | 'DESC' = 'DESC';
  for (const { field, direction } of request.sort) {
    qb.addOrderBy(`${ALIAS}.${field}`, direction);
    // uuid is unique: nothing after it can change the order.
    if (field === 'uuid') return qb;
    tieBreak = direction;
  }
  qb.addOrderBy(`${ALIAS}.uuid`, tieBreak);
  return qb;
}

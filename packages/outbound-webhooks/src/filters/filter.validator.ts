import { InvalidFilterError } from '../errors/invalid-filter.error';
import { closestMatch } from '../topics/closest-match';
import {
  CHANGE_OPERATORS,
  OPERATOR_HINTS,
  OPERATOR_VALUE_SHAPES,
  canonicalOperator,
} from './filter-operators';
import {
  MAX_FILTER_GROUPS,
  MAX_FILTER_ITEMS,
  MAX_FILTER_ITEMS_PER_GROUP,
  MAX_FILTER_STRING_LENGTH,
} from './filter.limits';
import { checkFilterValue } from './filter-value.checker';
import type {
  FilterGroup,
  FilterItem,
  FilterOperator,
  WebhookFilter,
} from './webhook-filter.interface';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalName(
  item: Json,
  key: string,
  path: string,
): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidFilterError(
      `${path}.${key}`,
      `"${key}" must be a non-empty string.`,
      `Set "${key}" to a name such as "email", or leave it out.`,
    );
  }
  if (value.length > MAX_FILTER_STRING_LENGTH) {
    throw new InvalidFilterError(
      `${path}.${key}`,
      `"${key}" is longer than ${MAX_FILTER_STRING_LENGTH} characters.`,
      'Use a shorter name.',
    );
  }
  return value.trim();
}

function operatorOf(item: Json, path: string): FilterOperator {
  const raw = item.operator;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new InvalidFilterError(
      `${path}.operator`,
      'Every filter item needs an "operator".',
      'Add an operator such as "EQUALS", "CONTAINS" or "IS_NOT_EMPTY".',
    );
  }
  const operator = canonicalOperator(raw);
  if (operator) return operator;
  const upper = raw.trim().toUpperCase();
  const guess =
    OPERATOR_HINTS[upper] ??
    closestMatch(upper, Object.keys(OPERATOR_VALUE_SHAPES));
  throw new InvalidFilterError(
    `${path}.operator`,
    `Unknown operator "${raw}".`,
    guess
      ? `Did you mean "${guess}"?`
      : `Use one of: ${Object.keys(OPERATOR_VALUE_SHAPES).join(', ')}.`,
    'INVALID_VALUE',
  );
}

function validateItem(raw: unknown, path: string): FilterItem {
  if (!isObject(raw)) {
    throw new InvalidFilterError(
      path,
      'A filter item must be an object.',
      'Use { "property": "status", "operator": "EQUALS", "value": "open" }.',
    );
  }
  const operator = operatorOf(raw, path);
  const property = optionalName(raw, 'property', path);
  const relation = optionalName(raw, 'relation', path);
  const object = optionalName(raw, 'object', path);
  if (!property && !relation) {
    throw new InvalidFilterError(
      `${path}.property`,
      'A filter item needs a "property" (or a "relation").',
      'Name the record property to test, e.g. "property": "status".',
    );
  }
  const item: FilterItem = { operator };
  if (object) item.object = object.toLowerCase();
  if (relation && CHANGE_OPERATORS.includes(operator)) {
    throw new InvalidFilterError(
      `${path}.operator`,
      `${operator} needs the previous state of the record itself; related records have none.`,
      'Use CHANGED, CHANGED_FROM or CHANGED_TO on a property of the record, without "relation".',
      'INVALID_VALUE',
    );
  }
  if (relation) item.relation = relation.toLowerCase();
  if (property) item.property = property;
  if (property) {
    const value = checkFilterValue(operator, raw, path);
    if (value !== undefined) item.value = value;
  }
  const included = raw.relationIncluded;
  if (included !== undefined && included !== null) {
    if (typeof included !== 'boolean') {
      throw new InvalidFilterError(
        `${path}.relationIncluded`,
        '"relationIncluded" must be true or false.',
        'Use a boolean or leave it out.',
      );
    }
    item.relationIncluded = included;
  }
  return item;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Validates a record filter (SPEC 5) and returns it normalized: `items` and
 * `groups` always arrays, operators canonical upper case, names trimmed.
 * `null`/missing returns `null` (matches everything). Throws
 * `InvalidFilterError` whose `field` names the group and item, e.g.
 * `filter.groups[0].items[1].operator`.
 */
export function validateFilter(
  raw: unknown,
  field = 'filter',
): WebhookFilter | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    throw new InvalidFilterError(
      field,
      'A filter must be an object with "groups".',
      'Use { "groups": [ { "items": [ ... ] } ] }, or null for no filter.',
    );
  }
  if (raw.groups !== undefined && raw.groups !== null) {
    // Only `items` may be a single object (SPEC 5): a `groups` object would
    // read as one empty group, matching every record.
    if (!Array.isArray(raw.groups)) {
      throw new InvalidFilterError(
        `${field}.groups`,
        '"groups" must be an array.',
        'Use "groups": [ { "items": [ ... ] } ].',
      );
    }
  }
  const rawGroups = asList(raw.groups);
  if (rawGroups.length > MAX_FILTER_GROUPS) {
    throw new InvalidFilterError(
      `${field}.groups`,
      `The filter has ${rawGroups.length} groups; at most ${MAX_FILTER_GROUPS} are allowed.`,
      'Merge groups or split the webhook into several.',
    );
  }
  let total = 0;
  const groups = rawGroups.map((rawGroup, g): FilterGroup => {
    const path = `${field}.groups[${g}]`;
    if (!isObject(rawGroup)) {
      throw new InvalidFilterError(
        path,
        'A filter group must be an object with "items".',
        'Use { "items": [ ... ] }.',
      );
    }
    if (
      rawGroup.items !== undefined &&
      rawGroup.items !== null &&
      typeof rawGroup.items !== 'object'
    ) {
      throw new InvalidFilterError(
        `${path}.items`,
        '"items" must be an array or a single item object.',
        'Use "items": [ { "property": ..., "operator": ... } ].',
      );
    }
    const rawItems = asList(rawGroup.items);
    total += rawItems.length;
    if (rawItems.length > MAX_FILTER_ITEMS_PER_GROUP) {
      throw new InvalidFilterError(
        `${path}.items`,
        `The group has ${rawItems.length} items; at most ${MAX_FILTER_ITEMS_PER_GROUP} are allowed.`,
        'Use fewer conditions per group.',
      );
    }
    if (total > MAX_FILTER_ITEMS) {
      throw new InvalidFilterError(
        `${path}.items`,
        `The filter has more than ${MAX_FILTER_ITEMS} items in all.`,
        'Use fewer conditions.',
      );
    }
    return {
      items: rawItems.map((rawItem, i) =>
        validateItem(rawItem, `${path}.items[${i}]`),
      ),
    };
  });
  return { groups };
}

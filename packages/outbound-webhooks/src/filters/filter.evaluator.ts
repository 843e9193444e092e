import { CHANGE_OPERATORS } from './filter-operators';
import {
  asText,
  compareValues,
  deepEqual,
  isEmptyValue,
  valuesEqual,
} from './filter-values';
import type {
  FilterContext,
  FilterItem,
  FilterRecord,
  WebhookFilter,
} from './webhook-filter.interface';

/** Relation name that stands for every relation. */
const ANY_RELATION = '*';

function read(record: FilterRecord | null | undefined, property: string) {
  const properties = record?.properties;
  if (!properties) return undefined;
  if (Object.prototype.hasOwnProperty.call(properties, property)) {
    return properties[property];
  }
  const lower = property.toLowerCase();
  const key = Object.keys(properties).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : properties[key];
}

function anyElement(
  actual: unknown,
  test: (value: unknown) => boolean,
): boolean {
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}

function compare(
  actual: unknown,
  expected: unknown,
  ok: (order: number) => boolean,
): boolean {
  return anyElement(actual, (value) => {
    const order = compareValues(value, expected);
    return order !== undefined && ok(order);
  });
}

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) {
    return actual.some((element) => valuesEqual(element, expected));
  }
  const haystack = asText(actual);
  const needle = asText(expected);
  return (
    haystack !== undefined && needle !== undefined && haystack.includes(needle)
  );
}

function textTest(
  actual: unknown,
  expected: unknown,
  test: (text: string, part: string) => boolean,
): boolean {
  const part = asText(expected);
  if (part === undefined) return false;
  return anyElement(actual, (value) => {
    const text = asText(value);
    return text !== undefined && test(text, part);
  });
}

function isIn(actual: unknown, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  return anyElement(actual, (value) =>
    list.some((candidate) => valuesEqual(value, candidate)),
  );
}

function testValue(
  item: FilterItem,
  record: FilterRecord,
  previous: FilterRecord | null | undefined,
): boolean {
  const property = item.property as string;
  const actual = read(record, property);
  const expected = item.value;
  switch (item.operator) {
    case 'EQUALS':
      return valuesEqual(actual, expected);
    case 'NOT_EQUALS':
      return !valuesEqual(actual, expected);
    case 'CONTAINS':
      return contains(actual, expected);
    case 'NOT_CONTAINS':
      return !contains(actual, expected);
    case 'STARTS_WITH':
      return textTest(actual, expected, (text, part) => text.startsWith(part));
    case 'ENDS_WITH':
      return textTest(actual, expected, (text, part) => text.endsWith(part));
    case 'GREATER_THAN':
      return compare(actual, expected, (order) => order > 0);
    case 'GREATER_THAN_OR_EQUAL':
      return compare(actual, expected, (order) => order >= 0);
    case 'LESS_THAN':
      return compare(actual, expected, (order) => order < 0);
    case 'LESS_THAN_OR_EQUAL':
      return compare(actual, expected, (order) => order <= 0);
    case 'BETWEEN': {
      if (!Array.isArray(expected) || expected.length !== 2) return false;
      const [low, high] = expected as unknown[];
      return anyElement(actual, (value) => {
        const fromLow = compareValues(value, low);
        const toHigh = compareValues(value, high);
        return (
          fromLow !== undefined &&
          toHigh !== undefined &&
          fromLow >= 0 &&
          toHigh <= 0
        );
      });
    }
    case 'IN':
      return isIn(actual, expected);
    case 'NOT_IN':
      return !isIn(actual, expected);
    case 'IS_EMPTY':
      return isEmptyValue(actual);
    case 'IS_NOT_EMPTY':
      return !isEmptyValue(actual);
    case 'CHANGED':
    case 'CHANGED_FROM':
    case 'CHANGED_TO': {
      if (!previous) return false;
      const before = read(previous, property);
      if (deepEqual(before ?? null, actual ?? null)) return false;
      if (item.operator === 'CHANGED') return true;
      return valuesEqual(
        item.operator === 'CHANGED_FROM' ? before : actual,
        expected,
      );
    }
  }
}

function relatedRecords(
  item: FilterItem,
  relations: FilterContext['relations'],
): FilterRecord[] {
  if (!relations) return [];
  const name = item.relation as string;
  const records =
    name === ANY_RELATION
      ? Object.values(relations).flat()
      : (relations[name] ??
        Object.entries(relations).find(
          ([key]) => key.toLowerCase() === name,
        )?.[1] ??
        []);
  return item.object
    ? records.filter((r) => r.objectName?.toLowerCase() === item.object)
    : records;
}

function testItem(item: FilterItem, context: FilterContext): boolean {
  if (item.relation) {
    const related = relatedRecords(item, context.relations);
    if (!item.property) {
      return item.operator === 'IS_EMPTY'
        ? related.length === 0
        : related.length > 0;
    }
    if (CHANGE_OPERATORS.includes(item.operator)) return false;
    return related.some((record) => testValue(item, record, null));
  }
  const record = context.record ?? { properties: {} };
  if (
    item.object &&
    record.objectName !== undefined &&
    record.objectName.toLowerCase() !== item.object
  ) {
    return false;
  }
  return testValue(item, record, context.previous);
}

/**
 * Evaluates a validated filter (SPEC 5): groups OR-ed, items AND-ed; no
 * filter, no groups or an empty group match everything. Pure: the caller
 * supplies the record, the previous state and any related records.
 */
export function evaluateFilter(
  filter: WebhookFilter | null | undefined,
  context: FilterContext,
): boolean {
  if (!filter || filter.groups.length === 0) return true;
  return filter.groups.some((group) =>
    group.items.every((item) => testItem(item, context)),
  );
}

/**
 * The relation names a filter's items reference (`*` included when an item
 * uses any relation), so fan-out knows which relations to load.
 */
export function filterRelationNames(
  filter: WebhookFilter | null | undefined,
): string[] {
  const names = new Set<string>();
  for (const group of filter?.groups ?? []) {
    for (const item of group.items) {
      if (item.relation) names.add(item.relation);
    }
  }
  return [...names];
}

import {
  WEBHOOK_FILTER_MAX_GROUPS,
  WEBHOOK_FILTER_MAX_ITEMS,
  WEBHOOK_FILTER_MAX_VALUES,
  WEBHOOK_LIST_FILTER_MAX_TOTAL_VALUES,
} from '../../security/input-limits';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import {
  FILTER_KEYS,
  GROUP_KEYS,
  ITEM_KEYS,
  unknownKeyErrors,
} from './filter-keys';
import type { ListCondition, ListFilter } from './list-condition.interface';
import {
  KIND_HINT,
  LIST_OPERATORS,
  TEXT_ONLY_OPERATORS,
  coerceListOperand,
  isRecord,
  listOperatorApplies,
  listOperatorsFor,
} from './list-filter-operands';
import type { ListScalar } from './list-filter-operands';
import { WEBHOOK_LIST_FIELDS } from './webhook-fields';

/** Reports every key of `record` outside `known`; true when there is none. */
function rejectUnknownKeys(
  record: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
  errors: ApiErrorEntry[],
): boolean {
  const unknown = unknownKeyErrors(record, known, path);
  errors.push(...unknown);
  return unknown.length === 0;
}

/**
 * Validates a list filter (SPEC 5's shape) over webhook fields and returns
 * it with operators normalized and values coerced. Pure; every problem is an
 * entry naming its path, e.g. `filter.groups[0].items[1].operator`.
 * Unknown keys are refused like unknown body fields. A filter without
 * `groups` (`{}`) matches everything, like an empty `groups` array.
 */
export function parseWebhookListFilter(
  raw: unknown,
  path: string,
  errors: ApiErrorEntry[],
): ListFilter {
  if (raw === undefined || raw === null) return [];
  const fail = (field: string, message: string, fix: string) => {
    errors.push({
      type: 'VALIDATION',
      field,
      message,
      correctionSuggestion: fix,
    });
  };
  if (!isRecord(raw)) {
    fail(
      path,
      'The filter must be an object.',
      'Send { "groups": [ { "items": [ ... ] } ] }.',
    );
    return [];
  }
  if (!rejectUnknownKeys(raw, FILTER_KEYS, path, errors)) return [];
  const groups = raw.groups ?? [];
  if (!Array.isArray(groups)) {
    fail(
      `${path}.groups`,
      'groups must be an array.',
      'Send "groups" as an array of { "items": [...] }.',
    );
    return [];
  }
  if (groups.length > WEBHOOK_FILTER_MAX_GROUPS) {
    fail(
      `${path}.groups`,
      `The filter has ${groups.length} groups.`,
      `Use at most ${WEBHOOK_FILTER_MAX_GROUPS} groups.`,
    );
    return [];
  }
  const parsed: ListFilter = [];
  let itemCount = 0;
  groups.forEach((group, g) => {
    const groupPath = `${path}.groups[${g}]`;
    if (!isRecord(group)) {
      fail(
        groupPath,
        'A group must be an object.',
        'Send { "items": [ ... ] }.',
      );
      return;
    }
    if (!rejectUnknownKeys(group, GROUP_KEYS, groupPath, errors)) return;
    const rawItems = group.items ?? [];
    const items = Array.isArray(rawItems) ? rawItems : [rawItems];
    itemCount += items.length;
    const conditions: ListCondition[] = [];
    items.forEach((item, i) => {
      const itemPath = `${groupPath}.items[${i}]`;
      if (
        isRecord(item) &&
        !rejectUnknownKeys(item, ITEM_KEYS, itemPath, errors)
      ) {
        return;
      }
      const condition = parseItem(item, itemPath, fail);
      if (condition) conditions.push(condition);
    });
    parsed.push(conditions);
  });
  if (itemCount > WEBHOOK_FILTER_MAX_ITEMS) {
    fail(
      `${path}.groups`,
      `The filter has ${itemCount} items.`,
      `Use at most ${WEBHOOK_FILTER_MAX_ITEMS} items in all groups together.`,
    );
  }
  const valueCount = parsed.flat().reduce((n, c) => n + c.values.length, 0);
  if (valueCount > WEBHOOK_LIST_FILTER_MAX_TOTAL_VALUES) {
    fail(
      `${path}.groups`,
      `The filter has ${valueCount} values in all.`,
      `Use at most ${WEBHOOK_LIST_FILTER_MAX_TOTAL_VALUES} values in all items together (IN lists included).`,
    );
  }
  // A group without items matches every webhook, and so does the whole filter.
  return parsed.some((conditions) => conditions.length === 0) ? [] : parsed;
}

function parseItem(
  item: unknown,
  path: string,
  fail: (field: string, message: string, fix: string) => void,
): ListCondition | undefined {
  if (!isRecord(item)) {
    fail(
      path,
      'A filter item must be an object.',
      'Send { "property", "operator", "value" }.',
    );
    return undefined;
  }
  const fields = Object.keys(WEBHOOK_LIST_FIELDS).join(', ');
  if (item.relation !== undefined || item.object !== undefined) {
    fail(
      path,
      'Webhook lists cannot be filtered by object or relation.',
      `Filter on webhook fields only: ${fields}.`,
    );
    return undefined;
  }
  const property = item.property;
  const spec =
    typeof property === 'string' && Object.hasOwn(WEBHOOK_LIST_FIELDS, property)
      ? WEBHOOK_LIST_FIELDS[property]
      : undefined;
  if (!spec || typeof property !== 'string') {
    fail(
      `${path}.property`,
      `Unknown webhook field ${JSON.stringify(property ?? null)}.`,
      `Use one of: ${fields}.`,
    );
    return undefined;
  }
  const operator =
    typeof item.operator === 'string'
      ? LIST_OPERATORS[item.operator.toLowerCase()]
      : undefined;
  if (!operator) {
    fail(
      `${path}.operator`,
      `Unknown operator ${JSON.stringify(item.operator ?? null)}.`,
      `Use one of: ${[...new Set(Object.values(LIST_OPERATORS))].join(', ')}.`,
    );
    return undefined;
  }
  if (!listOperatorApplies(operator, spec.kind)) {
    fail(
      `${path}.operator`,
      TEXT_ONLY_OPERATORS.has(operator)
        ? `${operator} applies to text fields; ${property} is not one.`
        : `${operator} applies to numbers and times; ${property} is neither.`,
      `For ${property} use one of: ${listOperatorsFor(spec.kind).join(', ')}.`,
    );
    return undefined;
  }
  const valuePath = `${path}.value`;
  const expect = `Send ${KIND_HINT[spec.kind]} for ${property}.`;
  let operands: unknown[];
  if (operator === 'IS_EMPTY' || operator === 'IS_NOT_EMPTY') {
    operands = [];
  } else if (operator === 'BETWEEN') {
    if (!Array.isArray(item.value) || item.value.length !== 2) {
      fail(
        valuePath,
        'BETWEEN needs two bounds.',
        `Send [low, high]; ${expect}`,
      );
      return undefined;
    }
    operands = item.value;
  } else if (operator === 'IN' || operator === 'NOT_IN') {
    if (!Array.isArray(item.value)) {
      fail(
        valuePath,
        `${operator} needs an array.`,
        `Send an array of values; ${expect}`,
      );
      return undefined;
    }
    if (item.value.length > WEBHOOK_FILTER_MAX_VALUES) {
      fail(
        valuePath,
        `${operator} has ${item.value.length} values.`,
        `Send at most ${WEBHOOK_FILTER_MAX_VALUES} values.`,
      );
      return undefined;
    }
    operands = item.value;
  } else {
    operands = [item.value ?? null];
  }
  const values: ListScalar[] = [];
  for (const operand of operands) {
    const value = coerceListOperand(spec, operand);
    const nullNotAllowed =
      value === null && operator !== 'EQUALS' && operator !== 'NOT_EQUALS';
    if (value === undefined || nullNotAllowed) {
      fail(
        valuePath,
        `${JSON.stringify(operand)} is not a valid value for ${property}.`,
        expect,
      );
      return undefined;
    }
    values.push(value);
  }
  return { field: property, spec, operator, values };
}

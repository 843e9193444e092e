import type { ListOperator } from './list-condition.interface';
import type { WebhookFieldKind, WebhookFieldSpec } from './webhook-fields';

/** Operator names (lower case, aliases included) → the normalized operator. */
export const LIST_OPERATORS: Record<string, ListOperator> = {
  equals: 'EQUALS',
  equals_exactly: 'EQUALS',
  eq: 'EQUALS',
  not_equals: 'NOT_EQUALS',
  neq: 'NOT_EQUALS',
  contains: 'CONTAINS',
  not_contains: 'NOT_CONTAINS',
  starts_with: 'STARTS_WITH',
  ends_with: 'ENDS_WITH',
  greater_than: 'GREATER_THAN',
  greater_than_or_equal: 'GREATER_THAN_OR_EQUAL',
  less_than: 'LESS_THAN',
  less_than_or_equal: 'LESS_THAN_OR_EQUAL',
  between: 'BETWEEN',
  in: 'IN',
  not_in: 'NOT_IN',
  is_empty: 'IS_EMPTY',
  is_not_set: 'IS_EMPTY',
  is_not_empty: 'IS_NOT_EMPTY',
  is_set: 'IS_NOT_EMPTY',
};

/** Operators that apply to text fields only. */
export const TEXT_ONLY_OPERATORS = new Set<ListOperator>([
  'CONTAINS',
  'NOT_CONTAINS',
  'STARTS_WITH',
  'ENDS_WITH',
]);
/** Operators that apply to numbers and times only. */
export const ORDERED_ONLY_OPERATORS = new Set<ListOperator>([
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'BETWEEN',
]);

/**
 * Whether a list filter may apply `operator` to a field of `kind`: text
 * operators need a string field, comparisons a number or a time.
 */
export function listOperatorApplies(
  operator: ListOperator,
  kind: WebhookFieldKind,
): boolean {
  if (TEXT_ONLY_OPERATORS.has(operator)) return kind === 'string';
  if (ORDERED_ONLY_OPERATORS.has(operator)) {
    return kind === 'number' || kind === 'time';
  }
  return true;
}

/**
 * The normalized operators a field of `kind` accepts, in the order of
 * {@link LIST_OPERATORS}; correction suggestions are built from this list,
 * so they never name an operator the field refuses.
 */
export function listOperatorsFor(kind: WebhookFieldKind): ListOperator[] {
  return [...new Set(Object.values(LIST_OPERATORS))].filter((operator) =>
    listOperatorApplies(operator, kind),
  );
}

/** Largest value of a 32-bit signed integer column (maxRetries, ...). */
export const LIST_INT_MAX = 2_147_483_647;
/** Smallest value of a 32-bit signed integer column. */
export const LIST_INT_MIN = -2_147_483_648;
/** Largest epoch-ms instant (the ECMAScript Date range, 8.64e15). */
export const LIST_TIME_MAX = 8.64e15;

/** A coerced operand. */
export type ListScalar = string | number | boolean | null;

/** Whether a JSON value is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns one operand into the type of the field, or `undefined` if it cannot
 * or if it is out of the column's range: numbers are whole and within the
 * 32-bit signed range, times whole epoch ms within [0, 8.64e15], strings
 * without NUL. Nothing out of range ever reaches SQL.
 */
export function coerceListOperand(
  spec: WebhookFieldSpec,
  value: unknown,
): ListScalar | undefined {
  if (value === null) return null;
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || value.includes('\u0000')) {
        return undefined;
      }
      return spec.upperCase ? value.toUpperCase() : value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'number': {
      const number =
        typeof value === 'string' && /^-?\d+$/.test(value.trim())
          ? Number(value)
          : value;
      return typeof number === 'number' &&
        Number.isInteger(number) &&
        number >= LIST_INT_MIN &&
        number <= LIST_INT_MAX
        ? number
        : undefined;
    }
    case 'time': {
      let instant: number;
      if (typeof value === 'number') instant = value;
      else if (typeof value !== 'string') return undefined;
      else if (/^-?\d+$/.test(value.trim())) instant = Number(value);
      else instant = Date.parse(value);
      return Number.isInteger(instant) &&
        instant >= 0 &&
        instant <= LIST_TIME_MAX
        ? instant
        : undefined;
    }
  }
}

/** How to describe a field kind's values in correction suggestions. */
export const KIND_HINT: Record<WebhookFieldSpec['kind'], string> = {
  string: 'a string',
  boolean: 'true or false',
  number: `a whole number from ${LIST_INT_MIN} to ${LIST_INT_MAX}`,
  time: 'whole epoch milliseconds from 0 to 8640000000000000, or an ISO-8601 date',
};

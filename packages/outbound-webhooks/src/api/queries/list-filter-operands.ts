import type { ListOperator } from './list-condition.interface';
import type { WebhookFieldSpec } from './webhook-fields';

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

/** A coerced operand. */
export type ListScalar = string | number | boolean | null;

/** Whether a JSON value is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns one operand into the type of the field, or `undefined` if it cannot. */
export function coerceListOperand(
  spec: WebhookFieldSpec,
  value: unknown,
): ListScalar | undefined {
  if (value === null) return null;
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
        return Number(value);
      }
      return undefined;
    case 'time': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value !== 'string') return undefined;
      if (/^-?\d+$/.test(value.trim())) return Number(value);
      const parsed = Date.parse(value);
      return Number.isNaN(parsed) ? undefined : parsed;
    }
  }
}

/** How to describe a field kind's values in correction suggestions. */
export const KIND_HINT: Record<WebhookFieldSpec['kind'], string> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  time: 'epoch milliseconds or an ISO-8601 date',
};

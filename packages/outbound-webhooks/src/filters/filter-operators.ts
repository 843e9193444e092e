import type { FilterOperator } from './webhook-filter.interface';

/** How an operator's `value` must look. */
export type OperatorValueShape =
  'any' | 'none' | 'text' | 'comparable' | 'range' | 'list';

/** Every canonical operator and the value it takes. */
export const OPERATOR_VALUE_SHAPES: Record<FilterOperator, OperatorValueShape> =
  {
    EQUALS: 'any',
    NOT_EQUALS: 'any',
    CONTAINS: 'text',
    NOT_CONTAINS: 'text',
    STARTS_WITH: 'text',
    ENDS_WITH: 'text',
    GREATER_THAN: 'comparable',
    GREATER_THAN_OR_EQUAL: 'comparable',
    LESS_THAN: 'comparable',
    LESS_THAN_OR_EQUAL: 'comparable',
    BETWEEN: 'range',
    IN: 'list',
    NOT_IN: 'list',
    IS_EMPTY: 'none',
    IS_NOT_EMPTY: 'none',
    CHANGED: 'none',
    CHANGED_FROM: 'any',
    CHANGED_TO: 'any',
  };

/** Accepted aliases (upper case) and the operator each stands for. */
export const OPERATOR_ALIASES: Record<string, FilterOperator> = {
  EQUALS_EXACTLY: 'EQUALS',
  EQ: 'EQUALS',
  NEQ: 'NOT_EQUALS',
  IS_NOT_SET: 'IS_EMPTY',
  IS_SET: 'IS_NOT_EMPTY',
};

/** Operators that never match a non-update event. */
export const CHANGE_OPERATORS: readonly FilterOperator[] = [
  'CHANGED',
  'CHANGED_FROM',
  'CHANGED_TO',
];

/** Common spellings of other systems, pointed at ours in error messages. */
export const OPERATOR_HINTS: Record<string, FilterOperator> = {
  NE: 'NOT_EQUALS',
  NOT_EQUAL: 'NOT_EQUALS',
  GT: 'GREATER_THAN',
  GTE: 'GREATER_THAN_OR_EQUAL',
  LT: 'LESS_THAN',
  LTE: 'LESS_THAN_OR_EQUAL',
  NIN: 'NOT_IN',
  LIKE: 'CONTAINS',
  EXISTS: 'IS_NOT_EMPTY',
};

/** The canonical operator of a name or alias (any case), or `undefined`. */
export function canonicalOperator(name: string): FilterOperator | undefined {
  const upper = name.trim().toUpperCase();
  if (upper in OPERATOR_VALUE_SHAPES) return upper as FilterOperator;
  return OPERATOR_ALIASES[upper];
}

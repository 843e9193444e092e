import type { WebhookFieldSpec } from './webhook-fields';

/** The operators a list filter may use on webhook fields, normalized. */
export type ListOperator =
  | 'EQUALS'
  | 'NOT_EQUALS'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'STARTS_WITH'
  | 'ENDS_WITH'
  | 'GREATER_THAN'
  | 'GREATER_THAN_OR_EQUAL'
  | 'LESS_THAN'
  | 'LESS_THAN_OR_EQUAL'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'IS_EMPTY'
  | 'IS_NOT_EMPTY';

/** One validated filter item over a webhook field, values already coerced. */
export interface ListCondition {
  field: string;
  spec: WebhookFieldSpec;
  operator: ListOperator;
  /** Coerced operands: none, one, two (BETWEEN) or many (IN). */
  values: Array<string | number | boolean | null>;
}

/**
 * A parsed list filter: groups OR-ed, conditions AND-ed. An empty array
 * means "no restriction".
 */
export type ListFilter = ListCondition[][];

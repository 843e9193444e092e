import type { FilterOperator } from '../../filters/webhook-filter.interface';
import type { WebhookFieldSpec } from './webhook-fields';

/**
 * The operators a list filter may use on webhook fields, normalized: every
 * record-filter operator except the change operators, which need an update.
 */
export type ListOperator = Exclude<
  FilterOperator,
  'CHANGED' | 'CHANGED_FROM' | 'CHANGED_TO'
>;

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

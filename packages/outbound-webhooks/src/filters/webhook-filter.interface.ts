/** One condition of a filter group (SPEC 5). */
export interface FilterItem {
  /** Restricts the item to records of this object (lower case). */
  object?: string;
  /** Tests records related through this relation (`*` = any relation). */
  relation?: string;
  /** The record property tested; without it a `relation` item tests existence. */
  property?: string;
  /** Canonical upper-case operator after validation, e.g. `EQUALS`. */
  operator: FilterOperator;
  value?: unknown;
  /** Accepted for compatibility with the platform; it does not change matching. */
  relationIncluded?: boolean;
}

/** Items AND-ed together; an empty group matches everything. */
export interface FilterGroup {
  items: FilterItem[];
}

/** Groups OR-ed together; no groups matches everything. */
export interface WebhookFilter {
  groups: FilterGroup[];
}

/** Every canonical operator. */
export type FilterOperator =
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
  | 'IS_NOT_EMPTY'
  | 'CHANGED'
  | 'CHANGED_FROM'
  | 'CHANGED_TO';

/**
 * A record as the evaluator sees it (JSON values only). Only `objectName`
 * and `properties` are read; a published record (with `uuid`, timestamps)
 * can be passed as it is.
 */
export interface FilterRecord {
  uuid?: string;
  objectName?: string;
  properties: Record<string, unknown>;
}

/** What a filter is evaluated against. */
export interface FilterContext {
  /** The new state; for deleted records the last state. */
  record: FilterRecord | null;
  /** The state before an update, for the change operators. */
  previous?: FilterRecord | null;
  /** Related records by relation name. */
  relations?: Record<string, FilterRecord[]>;
}

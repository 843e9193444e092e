/** Most groups one filter may have. */
export const MAX_FILTER_GROUPS = 20;

/** Most items one group may have. */
export const MAX_FILTER_ITEMS_PER_GROUP = 50;

/** Most items over all groups of one filter. */
export const MAX_FILTER_ITEMS = 200;

/** Most elements of an `IN` / `NOT_IN` list. */
export const MAX_FILTER_LIST_LENGTH = 500;

/** Deepest nesting of arrays/objects inside one item's `value`. */
export const MAX_FILTER_VALUE_DEPTH = 5;

/** Longest string inside a filter (values, names), in characters. */
export const MAX_FILTER_STRING_LENGTH = 2048;

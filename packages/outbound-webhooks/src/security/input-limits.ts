import {
  MAX_FILTER_GROUPS,
  MAX_FILTER_ITEMS,
  MAX_FILTER_ITEMS_PER_GROUP,
  MAX_FILTER_LIST_LENGTH,
  MAX_FILTER_STRING_LENGTH,
  MAX_FILTER_VALUE_DEPTH,
} from '../filters/filter.limits';
import { MAX_TOPIC_LENGTH } from '../topics/record-topic.constants';

/**
 * Input limits of the REST API and the publisher, in one place (SPEC 9).
 * Anything over a limit is a 400 naming the field and the limit.
 */

/** Longest accepted webhook `url`, in characters (the column is 2048). */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** Longest `topic`, in characters (owned by the topic grammar). */
export const WEBHOOK_TOPIC_MAX_LENGTH = MAX_TOPIC_LENGTH;

/** Longest `name`, in characters (the column is 255). */
export const WEBHOOK_NAME_MAX_LENGTH = 255;

/** Longest `label`, in characters. */
export const WEBHOOK_LABEL_MAX_LENGTH = 255;

/** Longest `description`, in characters. */
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 4000;

/** Shortest `secret`, in characters (SPEC 8.2). */
export const WEBHOOK_SECRET_MIN_LENGTH = 8;
/** Longest `secret`, in characters (SPEC 8.2). */
export const WEBHOOK_SECRET_MAX_LENGTH = 512;

/** Most relation names in `includeRelations` (and keys of `relationFilters`). */
export const WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT = 20;

/** Longest relation name, in characters. */
export const WEBHOOK_RELATION_NAME_MAX_LENGTH = 255;

/** Most groups in one filter (owned by the filter validator). */
export const WEBHOOK_FILTER_MAX_GROUPS = MAX_FILTER_GROUPS;

/** Most items in one group of a filter. */
export const WEBHOOK_FILTER_MAX_ITEMS_PER_GROUP = MAX_FILTER_ITEMS_PER_GROUP;

/** Most items in one filter, all groups together. */
export const WEBHOOK_FILTER_MAX_ITEMS = MAX_FILTER_ITEMS;

/** Deepest nesting of arrays/objects inside one filter item's `value`. */
export const WEBHOOK_FILTER_MAX_DEPTH = MAX_FILTER_VALUE_DEPTH;

/** Most elements in an `IN` / `NOT_IN` value. */
export const WEBHOOK_FILTER_MAX_VALUES = MAX_FILTER_LIST_LENGTH;

/**
 * Most values in one list filter, all items together. Each is one bound
 * parameter of the list query: this keeps every request well below SQLite's
 * 32,766 and PostgreSQL's 65,535 parameters per statement.
 */
export const WEBHOOK_LIST_FILTER_MAX_TOTAL_VALUES = 5_000;

/** Longest string inside a filter (values, names), in characters. */
export const WEBHOOK_FILTER_MAX_STRING_LENGTH = MAX_FILTER_STRING_LENGTH;

/**
 * Largest JSON request body the REST API is meant to receive, in bytes
 * (100 KiB, Express's default). The host owns the body parser; a host that
 * raised its global limit can apply this one to the webhook routes.
 */
export const WEBHOOKS_REQUEST_BODY_MAX_BYTES = 100 * 1024;

/** Every limit above by name, e.g. for documentation and error messages. */
export const WEBHOOK_INPUT_LIMITS = {
  urlMaxLength: WEBHOOK_URL_MAX_LENGTH,
  topicMaxLength: WEBHOOK_TOPIC_MAX_LENGTH,
  nameMaxLength: WEBHOOK_NAME_MAX_LENGTH,
  labelMaxLength: WEBHOOK_LABEL_MAX_LENGTH,
  descriptionMaxLength: WEBHOOK_DESCRIPTION_MAX_LENGTH,
  secretMinLength: WEBHOOK_SECRET_MIN_LENGTH,
  secretMaxLength: WEBHOOK_SECRET_MAX_LENGTH,
  includeRelationsMaxCount: WEBHOOK_INCLUDE_RELATIONS_MAX_COUNT,
  relationNameMaxLength: WEBHOOK_RELATION_NAME_MAX_LENGTH,
  filterMaxGroups: WEBHOOK_FILTER_MAX_GROUPS,
  filterMaxItemsPerGroup: WEBHOOK_FILTER_MAX_ITEMS_PER_GROUP,
  filterMaxItems: WEBHOOK_FILTER_MAX_ITEMS,
  filterMaxDepth: WEBHOOK_FILTER_MAX_DEPTH,
  filterMaxValues: WEBHOOK_FILTER_MAX_VALUES,
  listFilterMaxTotalValues: WEBHOOK_LIST_FILTER_MAX_TOTAL_VALUES,
  filterMaxStringLength: WEBHOOK_FILTER_MAX_STRING_LENGTH,
  requestBodyMaxBytes: WEBHOOKS_REQUEST_BODY_MAX_BYTES,
} as const;

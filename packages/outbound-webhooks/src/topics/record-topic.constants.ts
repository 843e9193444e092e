import type { WebhookEventType } from '../publisher/stored-event.interface';

/** First segment of every record topic. */
export const RECORD_TOPIC_PREFIX = 'record';

/** The action that matches every action of an object (`record.candidate.all`). */
export const ALL_ACTION = 'all';

/** The segment that stands for exactly one segment when subscribing. */
export const WILDCARD_SEGMENT = '*';

/** Record actions that take no further segment. */
export const PLAIN_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'archived',
  'restored',
] as const;

/**
 * Record actions that may be narrowed by one more segment: a property, a
 * form or a relation name. Without it they match any.
 */
export const QUALIFIED_ACTIONS = [
  'property_changed',
  'formsubmission',
  'relation_created',
  'relation_updated',
  'relation_deleted',
] as const;

/** Every action a record topic may name, `all` included. */
export const RECORD_ACTIONS: readonly string[] = [
  ...PLAIN_ACTIONS,
  ...QUALIFIED_ACTIONS,
  ALL_ACTION,
];

/** A record action as published (never `all`). */
export type RecordAction =
  (typeof PLAIN_ACTIONS)[number] | (typeof QUALIFIED_ACTIONS)[number];

/** The platform's event name of each record action (SPEC 3). */
export const EVENT_TYPE_BY_ACTION: Record<RecordAction, WebhookEventType> = {
  created: 'RecordCreated',
  updated: 'RecordUpdated',
  deleted: 'RecordDeleted',
  archived: 'RecordArchived',
  restored: 'RecordRestored',
  property_changed: 'PropertyValueChanged',
  formsubmission: 'FormSubmissionEvent',
  relation_created: 'RelationCreated',
  relation_updated: 'RelationUpdated',
  relation_deleted: 'RelationDeleted',
};

/** One name segment: lower case letters, digits, `_` and `-`. */
export const NAME_SEGMENT = /^[a-z0-9_][a-z0-9_-]*$/;

/** The object segment of a record topic: a letter, then a-z, 0-9 or "_". */
export const OBJECT_SEGMENT = /^[a-z][a-z0-9_]*$/;

/** Longest topic accepted, in characters (the column holds 255). */
export const MAX_TOPIC_LENGTH = 255;

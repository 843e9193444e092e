import type { EntityManager } from 'typeorm';
import type { WebhooksUser } from '../host/webhooks-auth-resolver.interface';
import type { WebhookRecord } from './webhook-record.interface';

/** What every publisher method takes. */
export interface PublishOptions {
  /** The company (tenant) the event belongs to. */
  companyUuid: string;
  /** Who did it, when known. Shown as `user` in payloads. */
  user?: WebhooksUser | null;
  /** Carried into payloads to tie the event to the host's request. */
  correlationId?: string | null;
  /**
   * Stored once per company: publishing the same key again does nothing.
   * At most 255 characters.
   */
  idempotencyKey?: string | null;
  /** When it happened: Date, epoch ms or ISO string. Default: now. */
  occurredAt?: Date | number | string;
  /**
   * The caller's transaction: the event is written with it, and commits or
   * rolls back with it. Without one, the publisher writes on its own.
   */
  manager?: EntityManager;
  /**
   * Related records by relation name, when the host already has them; used
   * instead of the relation loader for this event's record.
   */
  relations?: Record<string, WebhookRecord[]>;
}

/** A record event: created, deleted, archived, restored. */
export interface RecordEventInput extends PublishOptions {
  /** The record; for deletes, its last state. */
  record: WebhookRecord;
}

/** An update: the new state and the state before it. */
export interface RecordUpdatedInput extends RecordEventInput {
  previous: WebhookRecord;
}

/** A form submission that created or updated `record`. */
export interface FormSubmittedInput extends RecordEventInput {
  /** The form's name (lower case, e.g. `apply_form`). */
  formName: string;
  /** The record before, when the submission updated one. */
  previous?: WebhookRecord | null;
}

/** A relation `fromRecord -relationName-> toRecord` changed. */
export interface RelationEventInput extends PublishOptions {
  relationName: string;
  fromRecord: WebhookRecord;
  toRecord: WebhookRecord;
}

/** An event of a topic the host registered (`options.topics`). */
export interface CustomEventInput extends PublishOptions {
  /** Any JSON data, sent as `data`. */
  data?: unknown;
}

/** What a publish call wrote. */
export interface PublishResult {
  /** Uuids of the stored events (the existing ones for a duplicate). */
  eventUuids: string[];
  /** Topics of the events written, in order. */
  topics: string[];
  /** True when the idempotency key was already stored: nothing was written. */
  duplicate: boolean;
}

import type { WebhooksUser } from '../host/webhooks-auth-resolver.interface';

/** The platform's event names (SPEC 3). */
export type WebhookEventType =
  | 'RecordCreated'
  | 'RecordUpdated'
  | 'RecordDeleted'
  | 'RecordArchived'
  | 'RecordRestored'
  | 'PropertyValueChanged'
  | 'FormSubmissionEvent'
  | 'RelationCreated'
  | 'RelationUpdated'
  | 'RelationDeleted'
  | 'CustomEvent';

/** A record after serialization: JSON only, dates as ISO-8601 UTC. */
export interface StoredRecord {
  uuid: string;
  objectName: string;
  properties: Record<string, unknown>;
  /** Epoch ms, or null when the host did not say. */
  createdAt: number | null;
  updatedAt: number | null;
}

/** The relation an event of `Relation*` type is about. */
export interface StoredRelation {
  name: string;
  fromRecord: StoredRecord;
  toRecord: StoredRecord;
}

/**
 * The JSON kept in `webhook_events.payload`: everything a formatter needs,
 * already serialized at publish time.
 */
export interface StoredEventPayload {
  type: WebhookEventType;
  /** The event's own topic, e.g. `record.candidate.property_changed.email`. */
  topic: string;
  companyUuid: string;
  /** When it happened, epoch ms. */
  occurredAt: number;
  correlationId: string | null;
  user: WebhooksUser | null;
  /** The record; for relation events the `from` end. Null for custom events. */
  record: StoredRecord | null;
  /** The state before an update (or the last state of a deleted record). */
  previous?: StoredRecord | null;
  /** For `property_changed`. */
  propertyName?: string;
  previousValue?: unknown;
  newValue?: unknown;
  /** For form submissions. */
  formName?: string;
  relation?: StoredRelation;
  /** Related records the host passed with the event, by relation name. */
  relations?: Record<string, StoredRecord[]>;
  /** Free data of a host-registered topic. */
  data?: unknown;
}

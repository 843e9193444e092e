import type { WebhookRecord } from '../publisher/webhook-record.interface';

/** What the module asks the host's relation loader for. */
export interface RelationLoadRequest {
  companyUuid: string;
  /** The record whose related records are wanted. */
  record: Pick<WebhookRecord, 'uuid' | 'objectName'>;
  /** The relation name, or `*` for every relation. */
  relationName: string;
  /** At most this many related records per relation, when set. */
  limit?: number;
}

/** A record reached through a named relation. */
export interface RelatedRecord {
  relationName: string;
  record: WebhookRecord;
}

/**
 * Implemented by the host: loads records related to a record. Used for
 * `includeRelations` and for filter items with a `relation`.
 */
export interface WebhooksRelationLoader {
  load(request: RelationLoadRequest): Promise<RelatedRecord[]>;
}

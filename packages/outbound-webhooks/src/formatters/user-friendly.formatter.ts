import type { WebhookEventType } from '../publisher/stored-event.interface';
import type {
  FormatInput,
  WebhookFormatter,
} from './webhook-formatter.interface';
import { EXAMPLE_FORMAT_INPUT } from './format-example.input';
import { mapRelations, structuredRecord } from './format-values';

/** `event.type` of the structured format for each platform event name. */
export const USER_FRIENDLY_EVENT_TYPES: Record<
  Exclude<WebhookEventType, 'CustomEvent'>,
  string
> = {
  RecordCreated: 'Created',
  RecordUpdated: 'Updated',
  RecordDeleted: 'Deleted',
  RecordArchived: 'Archived',
  RecordRestored: 'Restored',
  PropertyValueChanged: 'property_changed',
  FormSubmissionEvent: 'formsubmission',
  RelationCreated: 'relation_created',
  RelationUpdated: 'relation_updated',
  RelationDeleted: 'relation_deleted',
};

/**
 * `USER_FRIENDLY` (the "structured" format of SPEC 6): `event`, `record`,
 * `user`, `context`; properties as a `{ name: value }` map; `timestamp` in
 * epoch milliseconds. Host topics use their topic as `event.type`.
 */
export class UserFriendlyFormatter implements WebhookFormatter {
  readonly name = 'USER_FRIENDLY';
  readonly label = 'User friendly (structured)';
  readonly description =
    'Structured payload: event { type, timestamp (epoch ms), correlationId, change details }, record { record { uuid, objectName, properties: { name: value } }, relations }, user, context, companyUuid, companyName.';
  readonly contentType = 'application/json';
  readonly example: unknown = this.render(EXAMPLE_FORMAT_INPUT);

  render(input: FormatInput): unknown {
    const { event, record } = input;
    const details: Record<string, unknown> = {
      type:
        event.type === 'CustomEvent'
          ? event.topic
          : USER_FRIENDLY_EVENT_TYPES[event.type],
      timestamp: event.occurredAt,
      correlationId: event.correlationId,
    };
    if (event.propertyName !== undefined) {
      details.propertyName = event.propertyName;
      details.previousValue = event.previousValue ?? null;
      details.newValue = event.newValue ?? null;
    }
    if (event.relation) {
      details.relationName = event.relation.name;
      details.fromRecordUuid = event.relation.fromRecord.uuid;
      details.toRecordUuid = event.relation.toRecord.uuid;
    }
    if (event.formName !== undefined) details.formName = event.formName;
    const recordPart: Record<string, unknown> = {
      record: record ? structuredRecord(record) : null,
    };
    if (input.relations) {
      recordPart.relations = mapRelations(input.relations, structuredRecord);
    }
    const user = event.user
      ? {
          uuid: event.user.uuid,
          email: event.user.email ?? null,
          firstname: event.user.firstname ?? null,
          lastname: event.user.lastname ?? null,
        }
      : null;
    const body: Record<string, unknown> = {
      event: details,
      record: recordPart,
      user,
      context: { companyUuid: event.companyUuid },
      companyUuid: event.companyUuid,
      companyName: input.company.name,
    };
    if (input.webhook.appUuid) body.appUuid = input.webhook.appUuid;
    if (event.data !== undefined) body.data = event.data;
    return body;
  }
}

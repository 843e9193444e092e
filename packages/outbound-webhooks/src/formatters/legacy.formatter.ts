import type {
  FormatInput,
  WebhookFormatter,
} from './webhook-formatter.interface';
import { EXAMPLE_FORMAT_INPUT } from './format-example.input';
import { legacyRecord, mapRelations } from './format-values';

/**
 * `LEGACY` (the default): the platform's older shape. Record properties are
 * an array of `{ name, type, value }`; `timestamp` is epoch milliseconds.
 */
export class LegacyFormatter implements WebhookFormatter {
  readonly name = 'LEGACY';
  readonly label = 'Legacy';
  readonly description =
    'The platform\'s original payload: top-level topic, event, timestamp (epoch ms) and companyUuid; record properties as an array of { name, type, value }; "previous" on updates; "relations" when the webhook includes relations.';
  readonly contentType = 'application/json';
  readonly example: unknown = this.render(EXAMPLE_FORMAT_INPUT);

  render(input: FormatInput): unknown {
    const { event, record } = input;
    const isOwnRecord = record !== null && record.uuid === event.record?.uuid;
    const body: Record<string, unknown> = {
      topic: input.matchedTopic,
      event: event.type,
      timestamp: event.occurredAt,
      companyUuid: event.companyUuid,
      correlationId: event.correlationId,
      record: record ? legacyRecord(record) : null,
    };
    if (isOwnRecord && event.previous) {
      body.previous = legacyRecord(event.previous);
    }
    if (event.propertyName !== undefined) {
      body.propertyName = event.propertyName;
      body.previousValue = event.previousValue ?? null;
      body.newValue = event.newValue ?? null;
    }
    if (event.formName !== undefined) body.formName = event.formName;
    if (event.relation) {
      body.relation = {
        name: event.relation.name,
        fromRecordUuid: event.relation.fromRecord.uuid,
        fromObjectName: event.relation.fromRecord.objectName,
        toRecordUuid: event.relation.toRecord.uuid,
        toObjectName: event.relation.toRecord.objectName,
      };
    }
    if (event.data !== undefined) body.data = event.data;
    if (input.relations) {
      body.relations = mapRelations(input.relations, legacyRecord);
    }
    return body;
  }
}

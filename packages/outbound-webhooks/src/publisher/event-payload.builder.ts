import { InvalidEventError } from '../errors/invalid-event.error';
import { deepEqual } from '../filters/filter-values';
import { NAME_SEGMENT } from '../topics/record-topic.constants';
import type { RecordAction } from '../topics/record-topic.constants';
import { EVENT_TYPE_BY_ACTION } from '../topics/record-topic.constants';
import { recordEventTopic } from '../topics/topic-names';
import { serializeRecord, toJsonValue } from './payload.serializer';
import type { PublishOptions } from './publish-input.interface';
import type {
  StoredEventPayload,
  StoredRecord,
} from './stored-event.interface';
import type { WebhookRecord } from './webhook-record.interface';

/** The fields every payload of one publish call shares. */
export type PayloadBase = Pick<
  StoredEventPayload,
  'companyUuid' | 'occurredAt' | 'correlationId' | 'user' | 'relations'
>;

function requireName(value: unknown, argument: string): string {
  if (typeof value !== 'string' || !NAME_SEGMENT.test(value.toLowerCase())) {
    throw new InvalidEventError(
      argument,
      `must be a lower-case name (a-z, 0-9, "_", "-"), got ${JSON.stringify(value)}.`,
    );
  }
  return value.toLowerCase();
}

function occurredAtOf(value: PublishOptions['occurredAt']): number {
  if (value === undefined) return Date.now();
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new InvalidEventError(
      'occurredAt',
      'must be a Date, epoch milliseconds or an ISO-8601 string.',
    );
  }
  return ms;
}

/** Validates and serializes what every publish call shares. */
export function buildPayloadBase(options: PublishOptions): PayloadBase {
  if (typeof options.companyUuid !== 'string' || options.companyUuid === '') {
    throw new InvalidEventError('companyUuid', 'is required.');
  }
  let relations: Record<string, StoredRecord[]> | undefined;
  if (options.relations) {
    relations = {};
    for (const [name, records] of Object.entries(options.relations)) {
      relations[name.toLowerCase()] = records.map((record, i) =>
        serializeRecord(record, `relations.${name}[${i}]`),
      );
    }
  }
  const base: PayloadBase = {
    companyUuid: options.companyUuid,
    occurredAt: occurredAtOf(options.occurredAt),
    correlationId: options.correlationId ?? null,
    user: options.user
      ? (toJsonValue(options.user, 'user') as PayloadBase['user'])
      : null,
  };
  if (relations) base.relations = relations;
  return base;
}

/** Serializes a record, checking its object name fits in a topic. */
export function storedRecordOf(
  record: WebhookRecord,
  argument: string,
): StoredRecord {
  if (!record || typeof record !== 'object') {
    throw new InvalidEventError(argument, 'is required.');
  }
  requireName(record.objectName, `${argument}.objectName`);
  if (record.uuid === undefined || record.uuid === null || record.uuid === '') {
    throw new InvalidEventError(`${argument}.uuid`, 'is required.');
  }
  return serializeRecord(record, argument);
}

/** One record event (created, deleted, archived, restored, updated). */
export function recordPayload(
  base: PayloadBase,
  action: RecordAction,
  record: StoredRecord,
  previous?: StoredRecord | null,
  qualifier?: string,
): StoredEventPayload {
  const payload: StoredEventPayload = {
    ...base,
    type: EVENT_TYPE_BY_ACTION[action],
    topic: recordEventTopic(record.objectName, action, qualifier),
    record,
  };
  if (previous) payload.previous = previous;
  return payload;
}

/** Names of the properties whose value differs (missing counts as null). */
export function changedProperties(
  previous: StoredRecord,
  next: StoredRecord,
): string[] {
  const names = new Set([
    ...Object.keys(previous.properties),
    ...Object.keys(next.properties),
  ]);
  return [...names].filter(
    (name) =>
      !deepEqual(
        previous.properties[name] ?? null,
        next.properties[name] ?? null,
      ),
  );
}

/**
 * `updated` then one `property_changed.<property>` per changed property;
 * nothing when no property changed. Property names that cannot be a topic
 * segment (dots, spaces...) are returned in `skipped`.
 */
export function updatePayloads(
  base: PayloadBase,
  record: StoredRecord,
  previous: StoredRecord,
): { payloads: StoredEventPayload[]; skipped: string[] } {
  const changed = changedProperties(previous, record);
  if (changed.length === 0) return { payloads: [], skipped: [] };
  const payloads = [recordPayload(base, 'updated', record, previous)];
  const skipped: string[] = [];
  for (const name of changed) {
    if (!NAME_SEGMENT.test(name.toLowerCase())) {
      skipped.push(name);
      continue;
    }
    payloads.push({
      ...recordPayload(base, 'property_changed', record, previous, name),
      propertyName: name,
      previousValue: previous.properties[name] ?? null,
      newValue: record.properties[name] ?? null,
    });
  }
  return { payloads, skipped };
}

/** A form submission under `record.<object>.formsubmission.<form>`. */
export function formPayload(
  base: PayloadBase,
  record: StoredRecord,
  formName: string,
  previous?: StoredRecord | null,
): StoredEventPayload {
  const form = requireName(formName, 'formName');
  return {
    ...recordPayload(base, 'formsubmission', record, previous, form),
    formName: form,
  };
}

/** A relation event, stored under the from record's topic. */
export function relationPayload(
  base: PayloadBase,
  action: 'relation_created' | 'relation_updated' | 'relation_deleted',
  relationName: string,
  fromRecord: StoredRecord,
  toRecord: StoredRecord,
): StoredEventPayload {
  const name = requireName(relationName, 'relationName');
  return {
    ...recordPayload(base, action, fromRecord, null, name),
    relation: { name, fromRecord, toRecord },
  };
}

/** An event of a host-registered topic. */
export function customPayload(
  base: PayloadBase,
  topic: string,
  data: unknown,
): StoredEventPayload {
  const payload: StoredEventPayload = {
    ...base,
    type: 'CustomEvent',
    topic,
    record: null,
  };
  const json = toJsonValue(data, 'data');
  if (json !== undefined) payload.data = json;
  return payload;
}

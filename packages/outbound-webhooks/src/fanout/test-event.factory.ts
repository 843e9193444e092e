import { randomUUID } from 'node:crypto';
import type {
  StoredEventPayload,
  StoredRecord,
} from '../publisher/stored-event.interface';
import {
  ALL_ACTION,
  EVENT_TYPE_BY_ACTION,
  RECORD_TOPIC_PREFIX,
  WILDCARD_SEGMENT,
} from '../topics/record-topic.constants';
import type { RecordAction } from '../topics/record-topic.constants';

function concrete(segment: string | undefined, fallback: string): string {
  return !segment || segment === WILDCARD_SEGMENT ? fallback : segment;
}

function sampleRecord(objectName: string, now: number): StoredRecord {
  return {
    uuid: randomUUID(),
    objectName,
    properties: {
      name: 'Test record',
      email: 'test@example.com',
      status: 'open',
    },
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A synthetic event that a webhook subscribed to `topic` would receive,
 * for "send test event": wildcards and `all` are replaced by concrete
 * values, the record is sample data, `correlationId` starts with `test_`.
 */
export function buildTestEvent(
  topic: string,
  companyUuid: string,
  now: number = Date.now(),
): StoredEventPayload {
  const segments = topic.toLowerCase().split('.');
  const base = {
    companyUuid,
    occurredAt: now,
    correlationId: `test_${randomUUID()}`,
    user: null,
  };
  if (segments[0] !== RECORD_TOPIC_PREFIX) {
    return {
      ...base,
      type: 'CustomEvent',
      topic: segments.map((s) => concrete(s, 'test')).join('.'),
      record: null,
      data: { test: true },
    };
  }
  const objectName = concrete(segments[1], 'record');
  const raw = concrete(segments[2], 'created');
  const action = (raw === ALL_ACTION ? 'created' : raw) as RecordAction;
  const record = sampleRecord(objectName, now);
  const event: StoredEventPayload = {
    ...base,
    type: EVENT_TYPE_BY_ACTION[action] ?? 'RecordCreated',
    topic: `${RECORD_TOPIC_PREFIX}.${objectName}.${action}`,
    record,
  };
  const qualifier = segments[3];
  if (action === 'updated' || action === 'property_changed') {
    event.previous = {
      ...record,
      properties: { ...record.properties, status: 'new' },
    };
  }
  if (action === 'property_changed') {
    const property = concrete(qualifier, 'status');
    event.topic += `.${property}`;
    event.propertyName = property;
    event.previousValue = 'new';
    event.newValue = 'open';
  } else if (action === 'formsubmission') {
    const form = concrete(qualifier, 'test_form');
    event.topic += `.${form}`;
    event.formName = form;
  } else if (action.startsWith('relation_')) {
    const name = concrete(qualifier, 'related_to');
    event.topic += `.${name}`;
    event.relation = {
      name,
      fromRecord: record,
      toRecord: sampleRecord('related', now),
    };
  }
  return event;
}

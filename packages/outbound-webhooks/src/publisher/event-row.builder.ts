import { createHash, randomUUID } from 'node:crypto';
import { InvalidEventError } from '../errors/invalid-event.error';
import { PayloadTooLargeError } from '../errors/payload-too-large.error';
import { topicOffers } from '../topics/event-offers';
import { MAX_TOPIC_LENGTH } from '../topics/record-topic.constants';
import type { StoredEventPayload } from './stored-event.interface';

/** Longest idempotency key the column holds. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** One outbox row, ready to insert. */
export interface EventRow {
  uuid: string;
  companyUuid: string;
  topic: string;
  eventType: string;
  objectName: string | null;
  recordUuid: string | null;
  payload: string;
  idempotencyKey: string | null;
  correlationId: string | null;
  occurredAt: number;
  createdAt: number;
}

/**
 * The key of the n-th row of one publish call: the caller's key for the
 * first row, a derived one for the `property_changed` rows that follow.
 */
function rowKey(
  key: string | null,
  topic: string,
  index: number,
): string | null {
  if (key === null || index === 0) return key;
  const derived = `${key}#${topic}`;
  if (derived.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return derived;
  return `sha256:${createHash('sha256').update(derived).digest('hex')}`;
}

/**
 * Every topic an event is offered under must fit the deliveries' topic
 * column: a relation event is also offered under its to-record's topic,
 * which nothing else checks, and a delivery that can never be stored would
 * hold its event back for good.
 */
function requireOfferedTopicsFit(payload: StoredEventPayload): void {
  for (const offer of topicOffers(payload)) {
    if (offer.topic.length > MAX_TOPIC_LENGTH) {
      throw new InvalidEventError(
        'topic',
        `"${offer.topic.slice(0, 80)}…" is ${offer.topic.length} characters ` +
          `long; at most ${MAX_TOPIC_LENGTH} are allowed: shorten the ` +
          'object, relation, form or property name in it.',
      );
    }
  }
}

/**
 * Serializes payloads into outbox rows (JSON.stringify once each), refusing
 * any above `maxPayloadBytes` or offered under a topic too long to store.
 */
export function buildEventRows(
  payloads: StoredEventPayload[],
  idempotencyKey: string | null | undefined,
  maxPayloadBytes: number,
  now: number,
): EventRow[] {
  const key = idempotencyKey ?? null;
  if (key !== null) {
    if (typeof key !== 'string' || key === '') {
      throw new InvalidEventError(
        'idempotencyKey',
        'must be a non-empty string.',
      );
    }
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new InvalidEventError(
        'idempotencyKey',
        `is ${key.length} characters long; at most ${MAX_IDEMPOTENCY_KEY_LENGTH} are allowed.`,
      );
    }
  }
  return payloads.map((payload, index): EventRow => {
    requireOfferedTopicsFit(payload);
    const json = JSON.stringify(payload);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > maxPayloadBytes) {
      throw new PayloadTooLargeError(payload.topic, bytes, maxPayloadBytes);
    }
    return {
      uuid: randomUUID(),
      companyUuid: payload.companyUuid,
      topic: payload.topic,
      eventType: payload.type,
      objectName: payload.record?.objectName ?? null,
      recordUuid: payload.record?.uuid ?? null,
      payload: json,
      idempotencyKey: rowKey(key, payload.topic, index),
      correlationId: payload.correlationId,
      occurredAt: payload.occurredAt,
      createdAt: now,
    };
  });
}

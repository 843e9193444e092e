import {
  EVENT_TYPE_BY_ACTION,
  RECORD_TOPIC_PREFIX,
} from './record-topic.constants';
import type { RecordAction } from './record-topic.constants';
import type { WebhookEventType } from '../publisher/stored-event.interface';

/**
 * The topic an event is published under, e.g.
 * `record.candidate.property_changed.email`. Names are lower-cased.
 */
export function recordEventTopic(
  objectName: string,
  action: RecordAction,
  qualifier?: string,
): string {
  const parts = [RECORD_TOPIC_PREFIX, objectName.toLowerCase(), action];
  if (qualifier) parts.push(qualifier.toLowerCase());
  return parts.join('.');
}

/** The platform's event names and the topic pattern each one maps to. */
export const PLATFORM_EVENT_TOPICS: ReadonlyArray<{
  name: WebhookEventType;
  topic: string;
}> = (Object.keys(EVENT_TYPE_BY_ACTION) as RecordAction[]).map((action) => ({
  name: EVENT_TYPE_BY_ACTION[action],
  topic:
    action === 'property_changed'
      ? 'record.<object>.property_changed.<property>'
      : action === 'formsubmission' || action.startsWith('relation_')
        ? `record.<object>.${action}[.<${action === 'formsubmission' ? 'form' : 'relation'}>]`
        : `record.<object>.${action}`,
}));

/** The topic pattern of a platform event name, or `undefined` if unknown. */
export function topicForEventName(name: string): string | undefined {
  return PLATFORM_EVENT_TOPICS.find(
    (entry) => entry.name.toLowerCase() === name.toLowerCase(),
  )?.topic;
}

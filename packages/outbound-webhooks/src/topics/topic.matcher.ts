import {
  ALL_ACTION,
  QUALIFIED_ACTIONS,
  RECORD_TOPIC_PREFIX,
  WILDCARD_SEGMENT,
} from './record-topic.constants';

/** Segment-by-segment match where `*` stands for exactly one segment. */
export function segmentsMatch(pattern: string[], actual: string[]): boolean {
  if (pattern.length !== actual.length) return false;
  return pattern.every(
    (segment, i) => segment === WILDCARD_SEGMENT || segment === actual[i],
  );
}

/**
 * Whether a webhook subscribed to `subscription` receives an event offered
 * under `eventTopic` (both normalized, lower case):
 * - `*` matches exactly one segment;
 * - `record.<object>.all` matches every action of that object;
 * - a qualified action without its name (`record.candidate.relation_created`)
 *   matches it with any name (`...relation_created.applied_to`).
 */
export function topicMatches(
  subscription: string,
  eventTopic: string,
): boolean {
  const pattern = subscription.toLowerCase().split('.');
  const actual = eventTopic.toLowerCase().split('.');
  const isRecordEvent = actual[0] === RECORD_TOPIC_PREFIX && actual.length >= 3;
  if (isRecordEvent && pattern[0] === RECORD_TOPIC_PREFIX) {
    if (pattern.length === 3 && pattern[2] === ALL_ACTION) {
      return segmentsMatch(pattern.slice(0, 2), actual.slice(0, 2));
    }
    const qualifiable: readonly string[] = QUALIFIED_ACTIONS;
    if (
      pattern.length === 3 &&
      actual.length === 4 &&
      qualifiable.includes(actual[2])
    ) {
      return segmentsMatch(pattern, actual.slice(0, 3));
    }
  }
  return segmentsMatch(pattern, actual);
}

import { InvalidTopicError } from '../errors/invalid-topic.error';
import { closestMatch } from './closest-match';
import {
  MAX_TOPIC_LENGTH,
  NAME_SEGMENT,
  OBJECT_SEGMENT,
  QUALIFIED_ACTIONS,
  RECORD_ACTIONS,
  RECORD_TOPIC_PREFIX,
  WILDCARD_SEGMENT,
} from './record-topic.constants';
import { segmentsMatch } from './topic.matcher';
import { topicForEventName } from './topic-names';

/** A host topic as given in `options.topics`, or just its string. */
export type HostTopicLike = string | { topic: string };

const EXAMPLE = 'record.candidate.created';

function hostTopicNames(hostTopics: readonly HostTopicLike[]): string[] {
  return hostTopics.map((entry) =>
    (typeof entry === 'string' ? entry : entry.topic).toLowerCase(),
  );
}

function validateRecordTopic(normalized: string, segments: string[]): void {
  if (segments.length < 3) {
    throw new InvalidTopicError(
      `Topic "${normalized}" has no action.`,
      `Add an object and an action, e.g. "${EXAMPLE}" or "record.candidate.all".`,
    );
  }
  if (segments.length > 4) {
    throw new InvalidTopicError(
      `Topic "${normalized}" has ${segments.length} segments; record topics have 3 or 4.`,
      'Use record.<object>.<action> or record.<object>.<action>.<name>, e.g. "record.candidate.property_changed.email".',
    );
  }
  const object = segments[1];
  if (object !== WILDCARD_SEGMENT && !OBJECT_SEGMENT.test(object)) {
    throw new InvalidTopicError(
      `Topic "${normalized}" has the invalid object name "${object}".`,
      'Object names start with a letter and contain only a-z, 0-9 and "_" (e.g. "candidate", "sales_order"), or are "*".',
    );
  }
  const action = segments[2];
  if (action !== WILDCARD_SEGMENT && !RECORD_ACTIONS.includes(action)) {
    const guess = closestMatch(action, RECORD_ACTIONS);
    throw new InvalidTopicError(
      `Topic "${normalized}" has the unknown action "${action}".`,
      guess
        ? `Did you mean "${guess}"? ("${[...segments.slice(0, 2), guess, ...segments.slice(3)].join('.')}")`
        : `Use one of: ${RECORD_ACTIONS.join(', ')}.`,
      'INVALID_VALUE',
    );
  }
  if (segments.length === 4) {
    const qualifiable: readonly string[] = QUALIFIED_ACTIONS;
    if (action !== WILDCARD_SEGMENT && !qualifiable.includes(action)) {
      throw new InvalidTopicError(
        `The action "${action}" of topic "${normalized}" takes no further segment.`,
        `Remove ".${segments[3]}" ("${segments.slice(0, 3).join('.')}"); only ${QUALIFIED_ACTIONS.join(', ')} take a name.`,
      );
    }
  }
}

function validateHostTopic(
  normalized: string,
  segments: string[],
  hostTopics: string[],
): void {
  const known = hostTopics.some((topic) =>
    segmentsMatch(segments, topic.split('.')),
  );
  if (known) return;
  const guess = closestMatch(normalized, hostTopics);
  throw new InvalidTopicError(
    `Topic "${normalized}" is neither a record topic nor a topic registered by the application.`,
    guess
      ? `Did you mean "${guess}"?`
      : `Record topics look like "${EXAMPLE}"${hostTopics.length ? `; the application also offers: ${hostTopics.slice(0, 10).join(', ')}` : ''}.`,
    'INVALID_VALUE',
  );
}

/**
 * Validates a topic a webhook subscribes to (SPEC 3) and returns its
 * normalized, lower-case form. Throws `InvalidTopicError` (field `topic`)
 * with a correction suggestion. Object and property names are only checked
 * for shape here; `WebhookTopicCatalogue.validate` also checks them against
 * the host's object catalogue.
 */
export function validateTopic(
  topic: unknown,
  hostTopics: readonly HostTopicLike[] = [],
): string {
  if (typeof topic !== 'string' || topic.trim() === '') {
    throw new InvalidTopicError(
      'Topic is required and must be a non-empty string.',
      `Send a topic such as "${EXAMPLE}".`,
    );
  }
  const normalized = topic.trim().toLowerCase();
  if (normalized.length > MAX_TOPIC_LENGTH) {
    throw new InvalidTopicError(
      `Topic is ${normalized.length} characters long; at most ${MAX_TOPIC_LENGTH} are allowed.`,
      'Use a shorter topic.',
    );
  }
  const segments = normalized.split('.');
  const bad = segments.findIndex(
    (segment) => segment !== WILDCARD_SEGMENT && !NAME_SEGMENT.test(segment),
  );
  if (bad >= 0) {
    throw new InvalidTopicError(
      segments[bad] === ''
        ? `Topic "${normalized}" has an empty segment.`
        : `Topic "${normalized}" has the invalid segment "${segments[bad]}".`,
      'Segments are separated by single dots and contain only a-z, 0-9, "_" and "-", or are "*".',
    );
  }
  try {
    if (segments[0] === RECORD_TOPIC_PREFIX) {
      validateRecordTopic(normalized, segments);
    } else {
      validateHostTopic(normalized, segments, hostTopicNames(hostTopics));
    }
  } catch (error) {
    throw eventNameRefusal(topic.trim().split('.')) ?? error;
  }
  return normalized;
}

/**
 * A clearer refusal when a topic names one of the platform's event names
 * (`RecordCreated`, `PropertyValueChanged`, ...) instead of a topic.
 */
function eventNameRefusal(segments: string[]): InvalidTopicError | undefined {
  for (const segment of segments) {
    const pattern = topicForEventName(segment);
    if (!pattern) continue;
    const example = pattern
      .replace('<object>', 'candidate')
      .replace('<property>', 'email')
      .replace(/\[.*\]$/, '');
    return new InvalidTopicError(
      `"${segment}" is an event name of the platform, not a topic.`,
      `Subscribe to its topic ${pattern}, e.g. "${example}".`,
      'INVALID_VALUE',
    );
  }
  return undefined;
}

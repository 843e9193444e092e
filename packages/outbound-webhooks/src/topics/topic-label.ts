import {
  RECORD_TOPIC_PREFIX,
  WILDCARD_SEGMENT,
} from './record-topic.constants';

const ACTION_WORDS: Record<string, string> = {
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  archived: 'archived',
  restored: 'restored',
  property_changed: 'property changed',
  formsubmission: 'form submitted',
  relation_created: 'relation created',
  relation_updated: 'relation updated',
  relation_deleted: 'relation deleted',
  all: 'all events',
  '*': 'any event',
};

function words(segment: string): string {
  return segment === WILDCARD_SEGMENT ? 'any' : segment.replace(/[_-]+/g, ' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A human label derived from a normalized topic, used when a webhook has
 * none: `record.candidate.created` → "Candidate created",
 * `record.candidate.property_changed.email` → "Candidate email changed",
 * `invoice.paid` → "Invoice paid". Cut with "…" at `maxLength` characters
 * (the label column's size), as a topic may be longer in words.
 */
export function deriveTopicLabel(topic: string, maxLength = 255): string {
  const label = fullLabel(topic);
  return label.length <= maxLength
    ? label
    : `${label.slice(0, maxLength - 1)}…`;
}

function fullLabel(topic: string): string {
  const segments = topic.toLowerCase().split('.');
  if (segments[0] !== RECORD_TOPIC_PREFIX || segments.length < 3) {
    return capitalize(segments.map(words).join(' '));
  }
  const [, object, action, name] = segments;
  const subject = object === WILDCARD_SEGMENT ? 'Any record' : words(object);
  if (action === 'property_changed' && name) {
    return capitalize(`${subject} ${words(name)} changed`);
  }
  const verb = ACTION_WORDS[action] ?? words(action);
  return capitalize(`${subject} ${verb}${name ? ` (${words(name)})` : ''}`);
}

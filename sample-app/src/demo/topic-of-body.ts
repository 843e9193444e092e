import { jsonField } from './json-field';

const ACTIONS: Record<string, string> = {
  Created: 'created',
  Updated: 'updated',
  Deleted: 'deleted',
  Archived: 'archived',
  Restored: 'restored',
};

/**
 * The topic a delivery is about, read from its body: `topic` in LEGACY and
 * RAW; rebuilt from `event` and the record in USER_FRIENDLY.
 */
export function topicOfBody(body: unknown): string {
  const topic = jsonField(body, 'topic');
  if (typeof topic === 'string') return topic;
  const event = jsonField(body, 'event');
  const type = jsonField(event, 'type');
  const objectName = jsonField(
    jsonField(jsonField(body, 'record'), 'record'),
    'objectName',
  );
  if (typeof type !== 'string' || typeof objectName !== 'string') return '?';
  const qualifier =
    jsonField(event, 'propertyName') ??
    jsonField(event, 'formName') ??
    jsonField(event, 'relationName');
  const action = ACTIONS[type] ?? type;
  return [`record.${objectName}.${action}`, qualifier]
    .filter((part) => typeof part === 'string')
    .join('.');
}

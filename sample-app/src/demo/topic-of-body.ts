const ACTIONS: Record<string, string> = {
  Created: 'created',
  Updated: 'updated',
  Deleted: 'deleted',
  Archived: 'archived',
  Restored: 'restored',
};

type Json = Record<string, unknown>;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Json)[name]
    : undefined;
}

/**
 * The topic a delivery is about, read from its body: `topic` in LEGACY and
 * RAW; rebuilt from `event` and the record in USER_FRIENDLY.
 */
export function topicOfBody(body: unknown): string {
  const topic = field(body, 'topic');
  if (typeof topic === 'string') return topic;
  const event = field(body, 'event');
  const type = field(event, 'type');
  const objectName = field(
    field(field(body, 'record'), 'record'),
    'objectName',
  );
  if (typeof type !== 'string' || typeof objectName !== 'string') return '?';
  const qualifier =
    field(event, 'propertyName') ??
    field(event, 'formName') ??
    field(event, 'relationName');
  const action = ACTIONS[type] ?? type;
  return [`record.${objectName}.${action}`, qualifier]
    .filter((part) => typeof part === 'string')
    .join('.');
}

import type { PropertyValue } from 'nestjs-outbound-webhooks';
import { InvalidInputError } from '../common/invalid-input.error';
import { assertPropertyLimits } from './property-limits';

const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const NAME_MAX_LENGTH = 64;
const PROPERTY_NAME_MAX_LENGTH = 128;

/** A lower-case, underscore-separated version of `value`, for suggestions. */
function suggestName(value: string): string {
  const snake = value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, NAME_MAX_LENGTH);
  return snake || 'candidate';
}

/**
 * Checks an object, relation or form name: `[a-z][a-z0-9_]*`, at most 64
 * characters (names become topic segments).
 */
export function assertName(value: string, field: string, kind: string): string {
  if (NAME_PATTERN.test(value) && value.length <= NAME_MAX_LENGTH) return value;
  throw new InvalidInputError(`"${value}" is not a valid ${kind} name.`, {
    field,
    correctionSuggestion: `Use lower-case letters, digits and underscores, starting with a letter (at most ${NAME_MAX_LENGTH}), e.g. "${suggestName(value)}".`,
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `{ "properties": { name: any JSON } }` from a request body, within
 * the limits of `property-limits.ts`.
 */
export function readProperties(body: unknown): Record<string, PropertyValue> {
  const properties = isPlainObject(body) ? body.properties : undefined;
  if (!isPlainObject(properties)) {
    throw new InvalidInputError('"properties" must be a JSON object.', {
      field: 'properties',
      correctionSuggestion:
        'Send a body like { "properties": { "name": "Ada" } }.',
    });
  }
  for (const name of Object.keys(properties)) {
    if (name.length === 0 || name.length > PROPERTY_NAME_MAX_LENGTH) {
      throw new InvalidInputError(
        `Property names must have 1 to ${PROPERTY_NAME_MAX_LENGTH} characters.`,
        { field: `properties.${name}`, correctionSuggestion: 'Rename it.' },
      );
    }
  }
  assertPropertyLimits(properties);
  // Parsed JSON holds only JSON values, which are all PropertyValues.
  return properties as Record<string, PropertyValue>;
}

/** Reads the object name of a form submission body. */
export function readObjectName(body: unknown): string {
  const objectName = isPlainObject(body) ? body.objectName : undefined;
  if (typeof objectName !== 'string') {
    throw new InvalidInputError('"objectName" is required.', {
      field: 'objectName',
      correctionSuggestion:
        'Send a body like { "objectName": "candidate", "properties": { ... } }.',
    });
  }
  return assertName(objectName, 'objectName', 'object');
}

/** How `DELETE /records/{uuid}` removes a record. */
export type RemoveMode = 'archive' | 'delete';

/** Reads `?mode=archive|delete` (default `archive`). */
export function readRemoveMode(mode: unknown): RemoveMode {
  if (mode === undefined || mode === '' || mode === 'archive') return 'archive';
  if (mode === 'delete') return 'delete';
  throw new InvalidInputError(
    `mode ${JSON.stringify(mode)} is not supported.`,
    {
      field: 'mode',
      correctionSuggestion:
        'Use ?mode=archive (the default, restorable) or ?mode=delete.',
    },
  );
}

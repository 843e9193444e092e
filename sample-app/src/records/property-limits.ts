import { InvalidInputError } from '../common/invalid-input.error';

/** Most properties (top-level names) one request may send. */
export const MAX_PROPERTIES = 1000;

/** Most JSON values in all the properties of one request, nested ones included. */
export const MAX_PROPERTY_VALUES = 10_000;

/**
 * Deepest nesting of arrays/objects inside one property value: `"a"` is 0,
 * `["a"]` is 1. Deeper values would overflow the stack of recursive code
 * downstream (TypeORM, the event serializer).
 */
export const MAX_PROPERTY_DEPTH = 32;

function tooLarge(message: string, field: string): InvalidInputError {
  return new InvalidInputError(message, {
    field,
    correctionSuggestion: `Send at most ${MAX_PROPERTIES} properties and ${MAX_PROPERTY_VALUES} values in all, nested at most ${MAX_PROPERTY_DEPTH} levels deep; store large structures elsewhere and keep a link.`,
  });
}

/**
 * Checks the size and nesting of parsed JSON properties without recursion
 * (a value 5000 levels deep must not overflow this check either). Throws an
 * `InvalidInputError` naming the property at fault.
 */
export function assertPropertyLimits(
  properties: Record<string, unknown>,
): void {
  const names = Object.keys(properties);
  if (names.length > MAX_PROPERTIES) {
    throw tooLarge(
      `Too many properties: ${names.length}, at most ${MAX_PROPERTIES}.`,
      'properties',
    );
  }
  let values = 0;
  for (const name of names) {
    const pending: Array<{ value: unknown; depth: number }> = [
      { value: properties[name], depth: 0 },
    ];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { value, depth } = next;
      if (++values > MAX_PROPERTY_VALUES) {
        throw tooLarge(
          `The properties hold more than ${MAX_PROPERTY_VALUES} values.`,
          'properties',
        );
      }
      if (typeof value !== 'object' || value === null) continue;
      if (depth >= MAX_PROPERTY_DEPTH) {
        throw tooLarge(
          `Property "${name}" is nested more than ${MAX_PROPERTY_DEPTH} levels deep.`,
          `properties.${name}`,
        );
      }
      for (const item of Object.values(value)) {
        pending.push({ value: item, depth: depth + 1 });
      }
    }
  }
}

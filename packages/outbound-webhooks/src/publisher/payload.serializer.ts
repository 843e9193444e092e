import { PayloadSerializationError } from '../errors/payload-serialization.error';
import type { StoredRecord } from './stored-event.interface';
import type { WebhookRecord } from './webhook-record.interface';

/** Deepest nesting of objects and arrays a published value may have. */
export const MAX_PAYLOAD_DEPTH = 64;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype;
}

function convert(value: unknown, path: string, ancestors: object[]): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new PayloadSerializationError(
          path,
          `is ${value}, which JSON cannot hold; send null or a string instead.`,
        );
      }
      return value;
    case 'bigint':
      throw new PayloadSerializationError(
        path,
        'is a BigInt; pass big integers as strings so they stay exact.',
      );
    case 'function':
    case 'symbol':
      throw new PayloadSerializationError(
        path,
        `is a ${typeof value}, which cannot be sent; remove it.`,
      );
    case 'undefined':
      return undefined;
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) {
      throw new PayloadSerializationError(path, 'is an invalid Date.');
    }
    return object.toISOString();
  }
  if (ancestors.includes(object)) {
    throw new PayloadSerializationError(
      path,
      'refers back to one of its parents (a cycle); send a copy without the back-reference.',
    );
  }
  if (ancestors.length >= MAX_PAYLOAD_DEPTH) {
    throw new PayloadSerializationError(
      path,
      `is nested more than ${MAX_PAYLOAD_DEPTH} levels deep; flatten it.`,
    );
  }
  ancestors.push(object);
  try {
    if (Array.isArray(object)) {
      return object.map((item: unknown, i) => {
        const itemPath = `${path}[${i}]`;
        if (item === undefined) {
          throw new PayloadSerializationError(
            itemPath,
            'is undefined, which JSON cannot hold in an array; use null.',
          );
        }
        return convert(item, itemPath, ancestors);
      });
    }
    if (object instanceof Map || object instanceof Set) {
      throw new PayloadSerializationError(
        path,
        `is a ${object.constructor.name}, which JSON cannot hold; convert it to an object or array.`,
      );
    }
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !isPlainObject(object)) {
      return convert((toJSON as () => unknown).call(object), path, ancestors);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) {
      const converted = convert(item, `${path}.${key}`, ancestors);
      if (converted !== undefined) result[key] = converted;
    }
    return result;
  } finally {
    ancestors.pop();
  }
}

/**
 * Turns a published value into plain JSON: `Date` → ISO-8601 UTC, objects
 * and arrays copied, `undefined` properties dropped. Throws
 * `PayloadSerializationError` naming `path` for anything JSON would lose
 * silently (BigInt, cycles, functions, NaN, `undefined` in arrays, Map/Set).
 */
export function toJsonValue(value: unknown, path: string): unknown {
  return convert(value, path, []);
}

function toEpochMs(
  value: WebhookRecord['createdAt'],
  path: string,
): number | null {
  if (value === undefined || value === null) return null;
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new PayloadSerializationError(
      path,
      'is not a valid time; use a Date, epoch milliseconds or an ISO-8601 string.',
    );
  }
  return ms;
}

/** A host record as stored: JSON properties, times as epoch ms. */
export function serializeRecord(
  record: WebhookRecord,
  path: string,
): StoredRecord {
  return {
    uuid: String(record.uuid),
    objectName: String(record.objectName).toLowerCase(),
    properties: (toJsonValue(record.properties ?? {}, `${path}.properties`) ??
      {}) as Record<string, unknown>,
    createdAt: toEpochMs(record.createdAt, `${path}.createdAt`),
    updatedAt: toEpochMs(record.updatedAt, `${path}.updatedAt`),
  };
}

import type { StoredRecord } from '../publisher/stored-event.interface';

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A property in the LEGACY shape. */
export interface LegacyProperty {
  name: string;
  type: string;
  value: unknown;
}

/** The LEGACY type name of a JSON value. */
export function legacyTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) return 'datetime';
  return typeof value;
}

/** A record in the LEGACY shape: properties as `{ name, type, value }`. */
export function legacyRecord(record: StoredRecord) {
  return {
    uuid: record.uuid,
    objectName: record.objectName,
    properties: Object.entries(record.properties).map(
      ([name, value]): LegacyProperty => ({
        name,
        type: legacyTypeOf(value),
        value: value ?? null,
      }),
    ),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** A record in the structured shape: properties as `{ name: value }`. */
export function structuredRecord(record: StoredRecord) {
  return {
    uuid: record.uuid,
    objectName: record.objectName,
    properties: record.properties,
  };
}

/** Applies `shape` to every record of every included relation. */
export function mapRelations<T>(
  relations: Record<string, StoredRecord[]>,
  shape: (record: StoredRecord) => T,
): Record<string, T[]> {
  return Object.fromEntries(
    Object.entries(relations).map(([name, records]) => [
      name,
      records.map(shape),
    ]),
  );
}

import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { isRecord } from './list-filter-operands';

/** The keys SPEC 5 defines for a filter. */
export const FILTER_KEYS: ReadonlySet<string> = new Set(['groups']);
/** The keys SPEC 5 defines for a filter group. */
export const GROUP_KEYS: ReadonlySet<string> = new Set(['items']);
/** The keys SPEC 5 defines for a filter item. */
export const ITEM_KEYS: ReadonlySet<string> = new Set([
  'object',
  'relation',
  'property',
  'operator',
  'value',
  'relationIncluded',
]);

/** One 400 entry per key of `record` outside `known`, named by its path. */
export function unknownKeyErrors(
  record: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
): ApiErrorEntry[] {
  return Object.keys(record)
    .filter((key) => !known.has(key))
    .map((key) => ({
      type: 'VALIDATION',
      field: `${path}.${key}`,
      message: `Unknown field "${path}.${key}".`,
      correctionSuggestion: `Remove it; accepted here: ${[...known].join(', ')}.`,
    }));
}

/**
 * Every unknown key anywhere in a filter's shape (filter, groups, items;
 * `items` as an array or a single object). Other shape errors are left to
 * the filter validators. Pure.
 */
export function unknownFilterKeyErrors(
  raw: unknown,
  path: string,
): ApiErrorEntry[] {
  if (!isRecord(raw)) return [];
  const errors = unknownKeyErrors(raw, FILTER_KEYS, path);
  if (!Array.isArray(raw.groups)) return errors;
  raw.groups.forEach((group, g) => {
    if (!isRecord(group)) return;
    const groupPath = `${path}.groups[${g}]`;
    errors.push(...unknownKeyErrors(group, GROUP_KEYS, groupPath));
    const items = Array.isArray(group.items) ? group.items : [group.items];
    items.forEach((item, i) => {
      if (!isRecord(item)) return;
      const itemPath = `${groupPath}.items[${i}]`;
      errors.push(...unknownKeyErrors(item, ITEM_KEYS, itemPath));
    });
  });
  return errors;
}

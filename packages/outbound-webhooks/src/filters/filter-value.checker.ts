import { InvalidFilterError } from '../errors/invalid-filter.error';
import { OPERATOR_VALUE_SHAPES } from './filter-operators';
import {
  MAX_FILTER_LIST_LENGTH,
  MAX_FILTER_STRING_LENGTH,
  MAX_FILTER_VALUE_DEPTH,
} from './filter.limits';
import { asComparable } from './filter-values';
import type { FilterOperator } from './webhook-filter.interface';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) {
    return 1 + Math.max(0, ...value.map(depthOf));
  }
  if (isObject(value)) {
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  }
  return 0;
}

/**
 * Whether a number is in that did not survive JSON parsing exactly: out of
 * range (1e400 parses to Infinity) or a whole number past 2^53, already
 * rounded (12345678901234567890 reads as 12345678901234567000).
 */
function hasInexactNumber(value: unknown): boolean {
  if (typeof value === 'number') {
    return (
      !Number.isFinite(value) ||
      (Number.isInteger(value) && !Number.isSafeInteger(value))
    );
  }
  if (Array.isArray(value)) return value.some(hasInexactNumber);
  if (isObject(value)) return Object.values(value).some(hasInexactNumber);
  return false;
}

function isScalar(value: unknown): boolean {
  return (
    value === null || ['string', 'number', 'boolean'].includes(typeof value)
  );
}

/**
 * The `value` of an item with property, checked against its operator's
 * shape (SPEC 5); `undefined` for operators that take none.
 * Throws `InvalidFilterError` at `<path>.value`.
 */
export function checkFilterValue(
  operator: FilterOperator,
  item: Json,
  path: string,
): unknown {
  const field = `${path}.value`;
  const value = item.value;
  const shape = OPERATOR_VALUE_SHAPES[operator];
  const fail = (message: string, suggestion: string): never => {
    throw new InvalidFilterError(field, message, suggestion);
  };
  if (shape === 'none') return undefined;
  if (typeof value === 'string' && value.length > MAX_FILTER_STRING_LENGTH) {
    fail(
      `The value is longer than ${MAX_FILTER_STRING_LENGTH} characters.`,
      'Use a shorter value.',
    );
  }
  if (depthOf(value) > MAX_FILTER_VALUE_DEPTH) {
    fail(
      `The value is nested deeper than ${MAX_FILTER_VALUE_DEPTH} levels.`,
      'Compare against a simpler value.',
    );
  }
  // Stored as JSON, Infinity would become null; a rounded whole number
  // would compare against a value the client never sent.
  if (hasInexactNumber(value)) {
    fail(
      'The value holds a number JSON cannot carry exactly (out of range, or a whole number past 2^53).',
      'Send big whole numbers as strings, e.g. "12345678901234567890": they compare exactly.',
    );
  }
  switch (shape) {
    case 'any':
      if (value === undefined) {
        fail(
          `${operator} needs a "value".`,
          `Add "value", or use IS_EMPTY to test for a missing value.`,
        );
      }
      return value;
    case 'text':
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        fail(
          `${operator} needs a text or number "value", got ${JSON.stringify(value) ?? 'nothing'}.`,
          `Set "value" to the text to look for, e.g. "value": "acme".`,
        );
      }
      return value;
    case 'comparable':
      if (asComparable(value) === undefined) {
        fail(
          `${operator} needs a number or an ISO-8601 date, got ${JSON.stringify(value) ?? 'nothing'}.`,
          'Use a number (e.g. 10), a numeric string ("10"), epoch milliseconds or an ISO date ("2024-01-31T00:00:00Z").',
        );
      }
      return value;
    case 'range': {
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        value.some((bound) => asComparable(bound) === undefined)
      ) {
        fail(
          'BETWEEN needs "value": [low, high] with two numbers or ISO dates.',
          'Use e.g. "value": [10, 20] or ["2024-01-01", "2024-12-31"].',
        );
      }
      const [low, high] = (value as unknown[]).map(asComparable) as number[];
      if (low > high) {
        fail(
          'BETWEEN bounds are reversed: the first is greater than the second.',
          'Put the lower bound first: [low, high].',
        );
      }
      return value;
    }
    case 'list':
      if (!Array.isArray(value)) {
        fail(
          `${operator} needs "value" to be an array.`,
          `Wrap the value in an array, e.g. "value": [${JSON.stringify(value ?? 'a')}].`,
        );
      }
      if ((value as unknown[]).length > MAX_FILTER_LIST_LENGTH) {
        fail(
          `${operator} lists ${(value as unknown[]).length} values; at most ${MAX_FILTER_LIST_LENGTH} are allowed.`,
          'Split the filter into several webhooks or use fewer values.',
        );
      }
      if (!(value as unknown[]).every(isScalar)) {
        fail(
          `${operator} values must be strings, numbers, booleans or null.`,
          'Remove the nested arrays or objects from "value".',
        );
      }
      return value;
  }
}

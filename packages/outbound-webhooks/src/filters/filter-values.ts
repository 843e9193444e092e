/**
 * Value semantics shared by the filter evaluator and the publisher's change
 * detection. Pure functions over JSON values.
 */

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Structural equality of JSON values: arrays in order, objects by keys. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    a === null ||
    b === null ||
    typeof a !== 'object' ||
    typeof b !== 'object'
  )
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const otherKeys = Object.keys(right).filter(
    (key) => right[key] !== undefined,
  );
  return (
    keys.length === otherKeys.length &&
    keys.every((key) => key in right && deepEqual(left[key], right[key]))
  );
}

/** Missing, `null`, `""` and `[]` are empty; the string `"null"` is not. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A number from a number or a numeric string, else `undefined`. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

const INTEGER = /^\s*[-+]?\d+\s*$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Epoch ms of an ISO-8601 date string, else `undefined`. A date-time
 * without a zone is UTC, as a date alone is: never the server's zone.
 */
export function asInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!ISO_DATE.test(text)) return undefined;
  const isoText = text.replace(' ', 'T');
  const utc =
    isoText.includes('T') && !HAS_ZONE.test(isoText) ? `${isoText}Z` : isoText;
  const ms = Date.parse(utc);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A whole number beyond 2^53 as a BigInt (exact), else `undefined`. */
function asBigInteger(value: unknown): bigint | undefined {
  if (typeof value === 'string' && INTEGER.test(value)) {
    const big = BigInt(value.trim());
    const unsafe =
      big > BigInt(Number.MAX_SAFE_INTEGER) ||
      big < BigInt(Number.MIN_SAFE_INTEGER);
    return unsafe ? big : undefined;
  }
  return undefined;
}

/**
 * The order of two values for the comparison operators: negative, zero or
 * positive, or `undefined` when either is not comparable. Whole numbers
 * past 2^53, passed as strings, compare exactly (as BigInt); everything
 * else through `asComparable`.
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  const bigA = asBigInteger(a);
  const bigB = asBigInteger(b);
  if (bigA !== undefined || bigB !== undefined) {
    const left = bigA ?? exactInteger(a);
    const right = bigB ?? exactInteger(b);
    if (left !== undefined && right !== undefined) {
      return left === right ? 0 : left < right ? -1 : 1;
    }
  }
  const left = asComparable(a);
  const right = asComparable(b);
  if (left === undefined || right === undefined) return undefined;
  return left === right ? 0 : left < right ? -1 : 1;
}

/** A safe whole number (number or string) as a BigInt, else `undefined`. */
function exactInteger(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'string' && INTEGER.test(value)) {
    return BigInt(value.trim());
  }
  return undefined;
}

/**
 * A number to order by: numbers and numeric strings as themselves, ISO
 * dates as epoch ms (so dates and epoch-ms numbers compare as instants).
 * Never a string compare.
 */
export function asComparable(value: unknown): number | undefined {
  return asNumber(value) ?? asInstant(value);
}

function asBooleanText(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

/**
 * EQUALS of SPEC 5: numbers as numbers ("10" equals 10), an ISO date equals
 * the same instant in epoch ms, booleans equal "true"/"false", strings
 * exactly, arrays and objects by value. `null` equals null or missing.
 */
export function valuesEqual(actual: unknown, expected: unknown): boolean {
  if (expected === null || expected === undefined) {
    return actual === null || actual === undefined;
  }
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual === expected;
  }
  if (typeof actual === 'number' || typeof expected === 'number') {
    return compareValues(actual, expected) === 0;
  }
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    return asBooleanText(actual) === asBooleanText(expected);
  }
  return deepEqual(actual, expected);
}

/** Text of a string or number for the text operators, else `undefined`. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value).toLowerCase();
  }
  return undefined;
}

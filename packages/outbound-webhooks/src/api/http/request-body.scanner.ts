import type { ApiErrorEntry } from '../errors/api-error-entry.interface';

/** Deepest nesting of arrays and objects a request body may have. */
export const MAX_REQUEST_NESTING = 32;

/** A UTF-16 surrogate without its pair: text no database stores as sent. */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What one pass over a request body found, worst first. */
export interface RequestBodyScan {
  /** Nested deeper than `MAX_REQUEST_NESTING`: nothing else was checked. */
  tooDeep: boolean;
  /**
   * Keys named like `Object.prototype` members (`__proto__`, `constructor`,
   * ...): class-transformer drops them before the whitelist and the filter
   * checks see the body, so they are unknown fields reported here.
   */
  inheritedKeys: ApiErrorEntry[];
  /**
   * Strings (values or keys) no database stores as sent: a NUL character
   * (PostgreSQL refuses it) or an unpaired surrogate (stored as a
   * replacement character).
   */
  unstorableText: ApiErrorEntry[];
}

/** `a.b`, or `a[0]` for an array index. */
export function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property)
    ? `${parent}[${property}]`
    : `${parent}.${property}`;
}

/** Why a string cannot be stored as sent, or `undefined` when it can. */
function unstorable(text: string): [string, string] | undefined {
  if (text.includes('\u0000')) {
    return [
      'contains a NUL character (\\u0000)',
      'Remove the NUL character (\\u0000) from the text.',
    ];
  }
  if (LONE_SURROGATE.test(text)) {
    return [
      'contains an unpaired UTF-16 surrogate (not valid Unicode)',
      'Send valid Unicode text; escape sequences such as \\ud800 must come in pairs.',
    ];
  }
  return undefined;
}

/**
 * Walks a request body once, depth first, and reports what must be refused
 * before any DTO rule runs. The walk stops at `MAX_REQUEST_NESTING`, so a
 * body nested thousands of levels deep is a 400, never a stack overflow.
 */
export function scanRequestBody(
  value: unknown,
  unknownFieldHint: string,
): RequestBodyScan {
  const scan: RequestBodyScan = {
    tooDeep: false,
    inheritedKeys: [],
    unstorableText: [],
  };
  const text = (candidate: string, field: string): boolean => {
    const problem = unstorable(candidate);
    if (!problem) return false;
    scan.unstorableText.push({
      type: 'VALIDATION',
      field: field || 'body',
      message: `"${field || 'body'}" ${problem[0]}.`,
      correctionSuggestion: problem[1],
    });
    return true;
  };
  const visit = (current: unknown, path: string, depth: number): void => {
    if (scan.tooDeep) return;
    if (typeof current === 'string') {
      text(current, path);
      return;
    }
    if (typeof current !== 'object' || current === null) return;
    if (depth >= MAX_REQUEST_NESTING) {
      scan.tooDeep = true;
      return;
    }
    if (Array.isArray(current)) {
      current.forEach((item, i) =>
        visit(item, joinPath(path, String(i)), depth + 1),
      );
      return;
    }
    for (const [key, inner] of Object.entries(current)) {
      const field = joinPath(path, key);
      if (key in Object.prototype) {
        scan.inheritedKeys.push({
          type: 'VALIDATION',
          field,
          message: `Unknown field "${field}".`,
          correctionSuggestion: unknownFieldHint,
        });
      } else if (!text(key, field)) {
        visit(inner, field, depth + 1);
      }
    }
  };
  visit(value, '', 0);
  return scan;
}

import { ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { InvalidRequestError } from '../errors/invalid-request.error';

/** What a DTO rule may carry in its `context` (class-validator). */
export interface RuleContext {
  correctionSuggestion?: string;
}

const DEFAULT_SUGGESTIONS: Record<string, string> = {
  whitelistValidation:
    'Remove this field: it is not part of the request (see the OpenAPI document for the accepted fields).',
  isString: 'Send a JSON string.',
  isBoolean: 'Send true or false.',
  isInt: 'Send a whole number.',
  isArray: 'Send a JSON array.',
  isObject: 'Send a JSON object.',
  isNotEmpty: 'Send a non-empty value.',
};

function join(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property)
    ? `${parent}[${property}]`
    : `${parent}.${property}`;
}

/** class-validator rules that check a value's type. */
const TYPE_RULES = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
]);

/**
 * The constraints worth reporting: when a type rule failed, only it (a
 * string is not "longer than 2048", it is not a string at all).
 */
function reportable(constraints: Record<string, string>): [string, string][] {
  const entries = Object.entries(constraints);
  const typeErrors = entries.filter(([rule]) => TYPE_RULES.has(rule));
  return typeErrors.length > 0 ? typeErrors : entries;
}

/** A UTF-16 surrogate without its pair: text no database stores as sent. */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
 * Every string (value or object key) that cannot be stored as sent, by
 * path: a NUL character (PostgreSQL refuses it in text and jsonb) or an
 * unpaired surrogate (each database would store a replacement character).
 * The API refuses both everywhere with a 400 instead of failing in SQL or
 * changing the text silently.
 */
export function findUnstorableText(
  value: unknown,
  path: string,
  out: ApiErrorEntry[] = [],
  depth = 0,
): ApiErrorEntry[] {
  const check = (text: string, field: string): boolean => {
    const problem = unstorable(text);
    if (!problem) return false;
    out.push({
      type: 'VALIDATION',
      field: field || 'body',
      message: `"${field || 'body'}" ${problem[0]}.`,
      correctionSuggestion: problem[1],
    });
    return true;
  };
  if (typeof value === 'string') {
    check(value, path);
    return out;
  }
  if (typeof value !== 'object' || value === null || depth > 64) return out;
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      findUnstorableText(item, join(path, String(index)), out, depth + 1),
    );
    return out;
  }
  for (const [key, inner] of Object.entries(value)) {
    const field = join(path, key);
    if (!check(key, field)) findUnstorableText(inner, field, out, depth + 1);
  }
  return out;
}

/**
 * Keys named like `Object.prototype` members (`__proto__`, `constructor`,
 * `toString`, ...), at any depth: class-transformer drops them before the
 * whitelist and the filter checks see the body, so they are refused here,
 * by path, as the unknown fields they are. The body's depth is bounded
 * (checked first).
 */
function inheritedKeyErrors(
  value: unknown,
  path = '',
  out: ApiErrorEntry[] = [],
): ApiErrorEntry[] {
  if (typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) =>
      inheritedKeyErrors(item, join(path, String(i)), out),
    );
    return out;
  }
  for (const [key, inner] of Object.entries(value)) {
    const field = join(path, key);
    if (key in Object.prototype) {
      out.push({
        type: 'VALIDATION',
        field,
        message: `Unknown field "${field}".`,
        correctionSuggestion: DEFAULT_SUGGESTIONS.whitelistValidation,
      });
    } else {
      inheritedKeyErrors(inner, field, out);
    }
  }
  return out;
}

function flatten(
  errors: ValidationError[],
  parent: string,
  out: ApiErrorEntry[],
): ApiErrorEntry[] {
  for (const error of errors) {
    const field = join(parent, error.property);
    for (const [rule, message] of reportable(error.constraints ?? {})) {
      const context = error.contexts?.[rule] as RuleContext | undefined;
      out.push({
        type: 'VALIDATION',
        message:
          rule === 'whitelistValidation'
            ? `Unknown field "${field}".`
            : message,
        field,
        correctionSuggestion:
          context?.correctionSuggestion ??
          DEFAULT_SUGGESTIONS[rule] ??
          `Correct the value of "${field}".`,
      });
    }
    flatten(error.children ?? [], field, out);
  }
  return out;
}

/** Deepest nesting of arrays and objects a request body may have. */
export const MAX_REQUEST_NESTING = 32;

/**
 * Whether `value` nests arrays/objects deeper than `max` levels. Walks
 * with an explicit stack: a body nested thousands of levels deep must get
 * a 400 here, not overflow the call stack of a recursive check later.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const inner of Object.values(current)) stack.push([inner, depth + 1]);
  }
  return false;
}

/**
 * The webhooks API's validation: class-validator DTOs, transformed to their
 * classes, unknown fields rejected (`forbidNonWhitelisted`), every failure
 * a 400 entry naming the field with a correction suggestion. Strings with
 * unstorable text (NUL, unpaired surrogates) are refused before the DTO rules run.
 */
export class WebhooksValidationPipe extends ValidationPipe {
  constructor(private readonly envelopeMessage = 'Invalid request') {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) =>
        new InvalidRequestError(flatten(errors, '', []), envelopeMessage),
    });
  }

  /** @inheritdoc */
  override async transform(
    value: unknown,
    metadata: ArgumentMetadata,
  ): Promise<unknown> {
    if (nestsDeeperThan(value, MAX_REQUEST_NESTING)) {
      const where = metadata.type === 'query' ? 'query' : 'body';
      throw new InvalidRequestError(
        [
          {
            type: 'VALIDATION',
            field: where,
            message: `The request ${where} nests arrays or objects more than ${MAX_REQUEST_NESTING} levels deep.`,
            correctionSuggestion: `Send at most ${MAX_REQUEST_NESTING} levels of nesting.`,
          },
        ],
        this.envelopeMessage,
      );
    }
    const inherited = inheritedKeyErrors(value);
    if (inherited.length > 0) {
      throw new InvalidRequestError(inherited, this.envelopeMessage);
    }
    const nul = findUnstorableText(value, '');
    if (nul.length > 0) {
      throw new InvalidRequestError(nul, this.envelopeMessage);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

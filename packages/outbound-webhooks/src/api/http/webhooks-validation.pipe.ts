import { ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { InvalidRequestError } from '../errors/invalid-request.error';
import {
  MAX_REQUEST_NESTING,
  joinPath,
  scanRequestBody,
} from './request-body.scanner';

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

function flatten(
  errors: ValidationError[],
  parent: string,
  out: ApiErrorEntry[],
): ApiErrorEntry[] {
  for (const error of errors) {
    const field = joinPath(parent, error.property);
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

/**
 * The webhooks API's validation: class-validator DTOs, transformed to their
 * classes, unknown fields rejected (`forbidNonWhitelisted`), every failure
 * a 400 entry naming the field with a correction suggestion. What
 * `scanRequestBody` finds (too deep, Object member keys, unstorable text)
 * is refused before the DTO rules run.
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
    const scan = scanRequestBody(
      value,
      DEFAULT_SUGGESTIONS.whitelistValidation,
    );
    if (scan.tooDeep) {
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
    for (const errors of [scan.inheritedKeys, scan.unstorableText]) {
      if (errors.length > 0) {
        throw new InvalidRequestError(errors, this.envelopeMessage);
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

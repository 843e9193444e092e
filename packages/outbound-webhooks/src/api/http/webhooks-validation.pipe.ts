import { ValidationPipe } from '@nestjs/common';
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

function flatten(
  errors: ValidationError[],
  parent: string,
  out: ApiErrorEntry[],
): ApiErrorEntry[] {
  for (const error of errors) {
    const field = join(parent, error.property);
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
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
 * a 400 entry naming the field with a correction suggestion.
 */
export class WebhooksValidationPipe extends ValidationPipe {
  constructor(envelopeMessage = 'Invalid request') {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors: ValidationError[]) =>
        new InvalidRequestError(flatten(errors, '', []), envelopeMessage),
    });
  }
}

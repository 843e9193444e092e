import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { InvalidRequestError } from '../errors/invalid-request.error';

/**
 * For endpoints that take no body (enable, disable, test, resend): an empty
 * or absent body passes, any field is refused like an unknown field of a
 * DTO (`forbidNonWhitelisted`), so the unknown-field policy is the same
 * everywhere.
 */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, undefined> {
  /** @inheritdoc */
  transform(value: unknown): undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw InvalidRequestError.of(
        'body',
        'This endpoint takes no request body.',
        'Send no body, or an empty JSON object {}.',
      );
    }
    const errors: ApiErrorEntry[] = Object.keys(value).map((field) => ({
      type: 'VALIDATION',
      field,
      message: `Unknown field "${field}".`,
      correctionSuggestion:
        'Remove this field: this endpoint takes no request body.',
    }));
    if (errors.length > 0) throw new InvalidRequestError(errors);
    return undefined;
  }
}

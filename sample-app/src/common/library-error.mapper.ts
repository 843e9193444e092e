import {
  InvalidEventError,
  PayloadSerializationError,
  PayloadTooLargeError,
  WebhookValidationError,
} from 'nestjs-outbound-webhooks';
import type { ApiErrorItem } from './error-envelope.interface';

/** `record.properties.n` → `properties.n`: the field as the client sent it. */
function clientField(path: string): string {
  return path.replace(/^(record|previous)\./, '');
}

/**
 * The error item for a webhooks-library error caused by the request's
 * input (a value the publisher cannot serialize, an event too large, an
 * invalid argument), or `undefined` for any other error. Each of these is a
 * 400: the write it came with was rolled back.
 */
export function describeLibraryInputError(
  exception: unknown,
): ApiErrorItem | undefined {
  if (exception instanceof PayloadSerializationError) {
    return {
      type: 'VALIDATION',
      message: exception.message,
      field: clientField(exception.path),
      correctionSuggestion:
        'Send JSON values only: finite numbers, strings, booleans, null, arrays and objects.',
    };
  }
  if (exception instanceof PayloadTooLargeError) {
    return {
      type: 'VALIDATION',
      message: `The record is too large to publish (${exception.bytes} bytes as an event, at most ${exception.maxBytes}).`,
      field: 'properties',
      correctionSuggestion:
        'Store large content elsewhere and keep a link in a property.',
    };
  }
  if (exception instanceof InvalidEventError) {
    return {
      type: 'VALIDATION',
      message: exception.message,
      field: clientField(exception.argument),
      correctionSuggestion: 'Correct that value and send the request again.',
    };
  }
  if (exception instanceof WebhookValidationError) {
    return {
      type: exception.type,
      message: exception.message,
      field: exception.field,
      correctionSuggestion: exception.correctionSuggestion,
    };
  }
  return undefined;
}

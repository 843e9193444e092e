import { WebhookValidationError } from './webhook-validation.error';

/**
 * A webhook URL breaks the URL rules of SPEC 9: not http(s), user-info,
 * too long, or a host that is (or resolves to) a blocked address. The message
 * says why; it never repeats the URL, which may hold credentials.
 */
export class UrlNotAllowedError extends WebhookValidationError {
  constructor(message: string, correctionSuggestion: string) {
    super(message, 'url', correctionSuggestion, 'VALIDATION');
  }
}

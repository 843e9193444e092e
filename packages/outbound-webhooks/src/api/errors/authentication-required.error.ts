import { ApiRequestError } from './api-request.error';

/** No bearer token, or one the host's auth resolver does not know (401). */
export class AuthenticationRequiredError extends ApiRequestError {
  constructor(detail: string) {
    super(401, 'Unauthorized', [
      {
        type: 'GENERAL',
        message: detail,
        field: 'Authorization',
        correctionSuggestion:
          'Send a valid token as "Authorization: Bearer <token>".',
      },
    ]);
  }
}

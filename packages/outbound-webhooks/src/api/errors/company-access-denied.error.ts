import { ApiRequestError } from './api-request.error';

/** The selected company is not one the caller belongs to (403). */
export class CompanyAccessDeniedError extends ApiRequestError {
  constructor() {
    super(403, 'Forbidden', [
      {
        type: 'GENERAL',
        message:
          'You are not a member of the company selected by X-Caraer-Company-Uuid.',
        field: 'X-Caraer-Company-Uuid',
        correctionSuggestion:
          'Select one of your own companies, or omit the header to use your default company.',
      },
    ]);
  }
}

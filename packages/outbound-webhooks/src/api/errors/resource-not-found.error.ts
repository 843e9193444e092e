import { ApiRequestError } from './api-request.error';

/**
 * Nothing of that kind with that id in the selected company (404). Raised
 * alike for an id that does not exist and for another company's, so a
 * client cannot tell the two apart.
 */
export class ResourceNotFoundError extends ApiRequestError {
  constructor(
    /** What was looked for: `webhook`, `delivery`, `app`. */
    what: string,
    id: string,
    /** The path parameter that named it. */
    field = 'uuid',
  ) {
    super(404, `The ${what} was not found.`, [
      {
        type: 'NOT_FOUND',
        message: `No ${what} "${id.slice(0, 64)}" exists for the selected company.`,
        field,
        correctionSuggestion: `Check the ${field}, and that X-Caraer-Company-Uuid selects the company that owns the ${what}.`,
      },
    ]);
  }
}

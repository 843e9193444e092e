import { ApiRequestError } from './api-request.error';

/** The company already has the most test events in flight (429). */
export class TooManyTestEventsError extends ApiRequestError {
  constructor(limit: number) {
    super(429, 'Too many requests', [
      {
        type: 'GENERAL',
        message: `${limit} test events of the selected company are already being sent.`,
        correctionSuggestion:
          'Wait for one of them to finish (each ends within the request timeout), then send the test event again.',
      },
    ]);
  }
}

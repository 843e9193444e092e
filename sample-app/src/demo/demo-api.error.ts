/** A failed call to the sample app, with what it answered. */
export class DemoApiError extends Error {
  override name = 'DemoApiError';
}

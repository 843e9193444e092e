/** The body of every successful response, the platform's shape. */
export interface SuccessEnvelope<T> {
  message: 'Success';
  data: T;
}

/** Wraps `data` in the success envelope. */
export function success<T>(data: T): SuccessEnvelope<T> {
  return { message: 'Success', data };
}

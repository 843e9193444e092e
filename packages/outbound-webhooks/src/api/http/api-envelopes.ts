/** The success envelope of SPEC 8.1. */
export interface SuccessEnvelope<T> {
  message: string;
  data: T;
}

/** The paginated success envelope of SPEC 8.1. */
export interface PageEnvelope<T> {
  message: string;
  data: T[];
  total: number;
  page: number;
  perPage: number;
  lastPage: number;
}

/** Wraps `data` as `{ message: 'Success', data }`. */
export function success<T>(data: T): SuccessEnvelope<T> {
  return { message: 'Success', data };
}

/** Wraps one page of rows; `lastPage` is max(1, ceil(total / perPage)). */
export function page<T>(
  data: T[],
  total: number,
  pageNumber: number,
  perPage: number,
): PageEnvelope<T> {
  return {
    message: 'Success',
    data,
    total,
    page: pageNumber,
    perPage,
    lastPage: Math.max(1, Math.ceil(total / perPage)),
  };
}

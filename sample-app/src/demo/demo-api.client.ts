import { DemoApiError } from './demo-api.error';

/** A small JSON client for the sample app's REST API, as a script uses it. */
export class DemoApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Calls the API and returns `data` from the success envelope. */
  async call<T = Json>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new DemoApiError(
        `${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`,
      );
    }
    return (JSON.parse(text) as { data: T }).data;
  }
}

/** A JSON object. */
export type Json = Record<string, unknown>;

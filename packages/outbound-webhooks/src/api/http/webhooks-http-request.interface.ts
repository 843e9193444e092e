import type { WebhooksPrincipal } from '../../host/webhooks-auth-resolver.interface';

/** Who is calling and for which company; set by `WebhooksAuthGuard`. */
export interface WebhooksRequestContext {
  principal: WebhooksPrincipal;
  /** The selected company: every query is scoped to it. */
  companyUuid: string;
}

/**
 * The parts of the platform's request object the API uses. Kept structural
 * so the library does not depend on one HTTP adapter's types.
 */
export interface WebhooksHttpRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  webhooksContext?: WebhooksRequestContext;
  webhooksRequestId?: string;
}

/** The parts of the platform's response object the API uses. */
export interface WebhooksHttpResponse {
  status(code: number): WebhooksHttpResponse;
  json(body: unknown): unknown;
  setHeader(name: string, value: string): unknown;
  headersSent?: boolean;
}

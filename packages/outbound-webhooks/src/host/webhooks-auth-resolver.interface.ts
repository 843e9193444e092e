/** The caller of the REST API, as the host knows them. */
export interface WebhooksUser {
  uuid: string;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
}

/** Who a bearer token belongs to, and which companies they may act for. */
export interface WebhooksPrincipal {
  user: WebhooksUser;
  /** Every company the user belongs to. */
  companyUuids: string[];
  /** The company used when the request names none. */
  defaultCompanyUuid: string;
}

/**
 * Implemented by the host: turns a bearer token into a principal. The module
 * never sees passwords or token formats; it only asks this.
 */
export interface WebhooksAuthResolver {
  /** Resolves a token; `null` when it is unknown or expired (a 401). */
  resolve(token: string): Promise<WebhooksPrincipal | null>;
}

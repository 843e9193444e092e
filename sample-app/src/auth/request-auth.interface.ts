import type { WebhooksUser } from 'nestjs-outbound-webhooks';

/** Who is calling and for which company, set by `BearerAuthGuard`. */
export interface RequestAuth {
  user: WebhooksUser;
  companyUuid: string;
  /** The request id, published as the events' `correlationId`. */
  correlationId: string;
}

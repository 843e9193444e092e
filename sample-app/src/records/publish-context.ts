import type { EntityManager } from 'typeorm';
import type { PublishOptions } from 'nestjs-outbound-webhooks';
import type { RequestAuth } from '../auth/request-auth.interface';

/**
 * What every publish call of a request shares: the company, the acting
 * user, the request id as correlation id, and the transaction's manager.
 */
export function publishContext(
  auth: RequestAuth,
  manager: EntityManager,
): PublishOptions & { manager: EntityManager } {
  return {
    companyUuid: auth.companyUuid,
    user: auth.user,
    correlationId: auth.correlationId,
    manager,
  };
}

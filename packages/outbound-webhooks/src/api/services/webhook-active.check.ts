import type { WebhookEntity } from '../../entities/webhook.entity';
import { InvalidRequestError } from '../errors/invalid-request.error';

/**
 * Refuses to send anything for a disabled webhook (by the user or by the
 * dispatcher): it receives no events, so a test, a resend or a recovery
 * would only be cancelled by the dispatcher, rewriting the delivery's
 * history on the way.
 */
export function assertWebhookActive(
  webhook: WebhookEntity,
  action: string,
): void {
  if (webhook.enabled && webhook.status === 'ACTIVE') return;
  throw InvalidRequestError.of(
    'uuid',
    `The webhook is disabled: it receives no events, ${action} included.`,
    `Enable it (POST /{uuid}/enable) and send the ${action} again.`,
    'INVALID_VALUE',
  );
}

import type { WebhookEntity } from '../entities/webhook.entity';

/** The columns of a webhook that sending and retrying need. */
export type DeliveryWebhook = Pick<
  WebhookEntity,
  | 'uuid'
  | 'url'
  | 'secret'
  | 'previousSecret'
  | 'previousSecretExpiresAt'
  | 'status'
  | 'enabled'
  | 'retryEnabled'
  | 'maxRetries'
  | 'retryBackoffMs'
>;

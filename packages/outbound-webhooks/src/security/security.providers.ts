import type { Provider } from '@nestjs/common';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import { AesGcmSecretCipher } from './aes-gcm-secret.cipher';
import { WEBHOOKS_NETWORK_POLICY } from './network-policy.interface';
import { WEBHOOKS_SECRET_CIPHER } from './secret-cipher.interface';
import { WebhookNetworkPolicy } from './webhook-network.policy';
import { WebhookSecretReencryptor } from './webhook-secret.reencryptor';

/** Providers of this area, registered by `WebhooksModule`. */
export const SECURITY_PROVIDERS: Provider[] = [
  {
    provide: WEBHOOKS_NETWORK_POLICY,
    useFactory: (options: ResolvedWebhooksOptions) =>
      new WebhookNetworkPolicy({
        allowedNetworks: options.allowedNetworks,
        requireHttps: options.requireHttps,
      }),
    inject: [WEBHOOKS_RESOLVED_OPTIONS],
  },
  {
    provide: WEBHOOKS_SECRET_CIPHER,
    useFactory: (options: ResolvedWebhooksOptions) =>
      new AesGcmSecretCipher(options.encryptionKeys),
    inject: [WEBHOOKS_RESOLVED_OPTIONS],
  },
  WebhookSecretReencryptor,
];

/** The providers of this area that hosts may inject. */
export const SECURITY_EXPORTS: Provider[] = SECURITY_PROVIDERS;

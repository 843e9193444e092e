import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';
import type { SampleConfig } from '../config/sample-config.interface';
import type { SampleAuthResolver } from '../auth/sample-auth.resolver';
import type { SampleAppRegistry } from '../companies/sample-app.registry';
import type { SampleCompanyInfoProvider } from '../companies/sample-company-info.provider';
import type { SampleRelationLoader } from '../records/sample-relation.loader';

/** The host services `WebhooksModule` needs, in `inject` order. */
export type WebhooksHostServices = [
  SampleAuthResolver,
  SampleCompanyInfoProvider,
  SampleAppRegistry,
  SampleRelationLoader,
];

/** Builds the webhooks module options from the host services and config. */
export function webhooksOptionsFactory(
  config: SampleConfig,
  ...[
    authResolver,
    companyInfoProvider,
    appRegistry,
    relationLoader,
  ]: WebhooksHostServices
): WebhooksModuleOptions {
  return {
    authResolver,
    companyInfoProvider,
    appRegistry,
    relationLoader,
    allowedNetworks: config.allowedNetworks,
    pollIntervalMs: config.pollIntervalMs,
  };
}

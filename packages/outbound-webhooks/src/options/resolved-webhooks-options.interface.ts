import type { WebhooksModuleOptions } from './webhooks-module-options.interface';

type Required2<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

type HostParts =
  | 'authResolver'
  | 'companyInfoProvider'
  | 'appRegistry'
  | 'relationLoader'
  | 'objectCatalogue'
  | 'userAgentSuffix';

/** The options after defaults and validation: what the rest of the code sees. */
export type ResolvedWebhooksOptions = Required2<
  Omit<WebhooksModuleOptions, HostParts>
> &
  Pick<WebhooksModuleOptions, HostParts> & {
    /** The full `user-agent` header value. */
    userAgent: string;
  };

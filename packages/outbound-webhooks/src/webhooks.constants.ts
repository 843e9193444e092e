/** Injection token of the resolved module options (`ResolvedWebhooksOptions`). */
export const WEBHOOKS_RESOLVED_OPTIONS = Symbol('WEBHOOKS_RESOLVED_OPTIONS');

/** Name of the interval the dispatcher registers with `SchedulerRegistry`. */
export const WEBHOOKS_DISPATCHER_INTERVAL =
  'nestjs-outbound-webhooks:dispatcher';

/** The package name, used in the `user-agent` header. */
export const WEBHOOKS_PACKAGE_NAME = 'nestjs-outbound-webhooks';

/** The package version, used in the `user-agent` header. */
export const WEBHOOKS_PACKAGE_VERSION = '0.1.0';

/** Injection token of the host's TypeORM `DataSource` the module uses. */
export const WEBHOOKS_DATA_SOURCE = Symbol('WEBHOOKS_DATA_SOURCE');

/** Default route prefix of the REST API. */
export const WEBHOOKS_DEFAULT_API_PREFIX = 'api/v2/webhooks';

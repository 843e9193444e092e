import type { WebhookFormatter } from '../formatters/webhook-formatter.interface';
import type { WebhooksAppRegistry } from '../host/webhooks-app-registry.interface';
import type { WebhooksAuthResolver } from '../host/webhooks-auth-resolver.interface';
import type { WebhooksCompanyInfoProvider } from '../host/webhooks-company-info.interface';
import type { WebhooksObjectCatalogue } from '../host/webhooks-object-catalogue.interface';
import type { WebhooksRelationLoader } from '../host/webhooks-relation-loader.interface';

/** A topic of the host's own, e.g. `invoice.paid`. */
export interface HostTopicDefinition {
  /** Lower-case dotted topic; `*` matches one segment when subscribing. */
  topic: string;
  /** Shown by `GET /events`. */
  description?: string;
}

/**
 * Options of `WebhooksModule.forRoot()` / `forRootAsync()`. Every field is
 * optional; defaults are named in `resolveWebhooksOptions`.
 */
export interface WebhooksModuleOptions {
  /**
   * Turns bearer tokens into users and companies. Required when the REST
   * controllers are mounted (`mountControllers`, default `true`): boot fails
   * with an `InvalidOptionError` without it.
   */
  authResolver?: WebhooksAuthResolver;
  /**
   * Company public info for `GET /me` and payloads' `companyName`. Host
   * code that fan-out calls: with it, rounds claim events under a lease
   * first, so no transaction waits on it (README, "Fan-out").
   */
  companyInfoProvider?: WebhooksCompanyInfoProvider;
  /** Apps and their installations, for app webhooks. */
  appRegistry?: WebhooksAppRegistry;
  /**
   * Loads related records for `includeRelations` and relation filters.
   * Host code that fan-out calls, like `companyInfoProvider`.
   */
  relationLoader?: WebhooksRelationLoader;
  /** When given, topics and filters are checked against known objects. */
  objectCatalogue?: WebhooksObjectCatalogue;
  /** Topics of the host's own, matched exactly or with `*` segments. */
  topics?: HostTopicDefinition[];
  /**
   * Extra payload formats; names must not clash with the shipped ones.
   * Host code that fan-out calls, like `companyInfoProvider`.
   */
  formats?: WebhookFormatter[];

  /** Run the dispatcher in this process. Default `true`. */
  dispatcherEnabled?: boolean;
  /** How often the dispatcher polls for due work, in ms. Default 1000. */
  pollIntervalMs?: number;
  /** Deliveries claimed per poll. Default 100 (1–5000). */
  batchSize?: number;
  /** HTTP requests in flight at once per process. Default 32 (1–1000). */
  concurrency?: number;
  /**
   * How long a claim is held before another process may retry it, in ms.
   * Default 60000.
   */
  leaseMs?: number;
  /** How long shutdown waits for in-flight requests, in ms. Default 10000. */
  shutdownTimeoutMs?: number;

  /**
   * Timeout of a whole HTTP exchange (connect, headers, body), in ms. Default
   * 15000.
   */
  requestTimeoutMs?: number;
  /**
   * Response bytes read and stored per attempt. Default 65536. On
   * MySQL/MariaDB at most about a third of `max_allowed_packet` (checked at
   * boot).
   */
  responseBodyMaxBytes?: number;
  /** Extra text appended to the `user-agent` header. */
  userAgentSuffix?: string;

  /** Retries after the first attempt when a webhook sets none. Default 12. */
  defaultMaxRetries?: number;
  /** First retry delay when a webhook sets none, in ms. Default 60000. */
  defaultRetryBackoffMs?: number;
  /**
   * Upper bound of any retry delay (and of `Retry-After`), in ms.
   * Default 28800000 (8 h).
   */
  maxRetryDelayMs?: number;
  /**
   * Disable a webhook after failing this long with no success, in ms.
   * Default 432000000 (5 days).
   */
  autoDisableAfterMs?: number;

  /**
   * CIDRs (`127.0.0.0/8`, `::1/128`) or host names re-allowed by the SSRF
   * guard. Default none: private, loopback and link-local are refused.
   */
  allowedNetworks?: string[];
  /** Refuse `http:` URLs. Default `false`. */
  requireHttps?: boolean;
  /**
   * Keys for encrypting secrets at rest (AES-256-GCM), each 32 bytes as
   * base64 or 64 hex characters. The first encrypts; all decrypt (rotation).
   * Default none: secrets are stored as given.
   */
  encryptionKeys?: string[];
  /**
   * Largest serialized event accepted at publish time, in bytes. Default
   * 1048576. On MySQL/MariaDB at most about half of `max_allowed_packet`
   * (checked at boot).
   */
  maxPayloadBytes?: number;
  /**
   * How long the old secret keeps signing after a rotation, in ms. Default
   * 86400000.
   */
  secretRotationOverlapMs?: number;
}

/** Static switches of `forRoot()` / `forRootAsync()`. */
export interface WebhooksModuleExtras {
  /** Register the module globally. Default `false`. */
  isGlobal?: boolean;
  /** Mount the REST controllers (needs `authResolver`). Default `true`. */
  mountControllers?: boolean;
  /** Route prefix of the REST API. Default `api/v2/webhooks`. */
  apiPrefix?: string;
  /** Name of the host's TypeORM data source. Default the unnamed one. */
  dataSourceName?: string;
}

import {
  WEBHOOKS_PACKAGE_NAME,
  WEBHOOKS_PACKAGE_VERSION,
} from '../webhooks.constants';
import { InvalidOptionError } from '../errors/invalid-option.error';
import type { ResolvedWebhooksOptions } from './resolved-webhooks-options.interface';
import {
  WEBHOOKS_DEFAULTS,
  WEBHOOKS_RANGES,
} from './webhooks-options.defaults';
import type {
  WebhooksModuleExtras,
  WebhooksModuleOptions,
} from './webhooks-module-options.interface';

type NumericOption = keyof typeof WEBHOOKS_DEFAULTS;

function resolveInteger(
  options: WebhooksModuleOptions,
  name: NumericOption,
): number {
  const value = options[name];
  if (value === undefined || value === null) return WEBHOOKS_DEFAULTS[name];
  const [min, max] = WEBHOOKS_RANGES[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidOptionError(
      name,
      `expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`,
    );
  }
  if (value < min || value > max) {
    throw new InvalidOptionError(
      name,
      `${value} is out of range; use an integer from ${min} to ${max} (default ${WEBHOOKS_DEFAULTS[name]}).`,
    );
  }
  return value;
}

function resolveBoolean(
  options: WebhooksModuleOptions,
  name: 'dispatcherEnabled' | 'requireHttps',
  fallback: boolean,
): boolean {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    throw new InvalidOptionError(
      name,
      `expected true or false, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function resolveStringList(
  options: WebhooksModuleOptions,
  name: 'allowedNetworks' | 'encryptionKeys',
): string[] {
  const value = options[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new InvalidOptionError(name, 'expected an array of strings.');
  }
  return value.map((v) => v.trim()).filter((v) => v.length > 0);
}

/**
 * Refuses an `authResolver` that cannot resolve tokens, and a missing one
 * when the REST controllers are mounted: the module would boot and then
 * answer every REST call with a 500.
 */
function checkAuthResolver(
  options: WebhooksModuleOptions,
  extras: Pick<WebhooksModuleExtras, 'mountControllers'> | undefined,
): void {
  const resolver: unknown = options.authResolver;
  if (resolver === undefined || resolver === null) {
    if (!extras || extras.mountControllers === false) return;
    throw new InvalidOptionError(
      'authResolver',
      'missing, but the REST controllers are mounted (mountControllers defaults to true), so every REST call would fail. Pass an authResolver (a WebhooksAuthResolver turning a bearer token into a user and companies), or set mountControllers: false for a host without the REST API.',
    );
  }
  const resolve =
    typeof resolver === 'object'
      ? (resolver as { resolve?: unknown }).resolve
      : undefined;
  if (typeof resolve !== 'function') {
    throw new InvalidOptionError(
      'authResolver',
      'expected an object with a resolve(token) method returning the principal or null.',
    );
  }
}

/**
 * Applies defaults to the module options and validates them. The only place
 * that knows defaults; throws `InvalidOptionError` naming the option and its
 * accepted range.
 *
 * `extras` are the static switches of `forRoot()` / `forRootAsync()`, when
 * known: mounting the REST controllers (the default) requires an
 * `authResolver`. Without `extras` only the options themselves are checked.
 */
export function resolveWebhooksOptions(
  options: WebhooksModuleOptions = {},
  extras?: Pick<WebhooksModuleExtras, 'mountControllers'>,
): ResolvedWebhooksOptions {
  const suffix = options.userAgentSuffix?.trim();
  const resolved: ResolvedWebhooksOptions = {
    authResolver: options.authResolver,
    companyInfoProvider: options.companyInfoProvider,
    appRegistry: options.appRegistry,
    relationLoader: options.relationLoader,
    objectCatalogue: options.objectCatalogue,
    userAgentSuffix: suffix,
    userAgent: `${WEBHOOKS_PACKAGE_NAME}/${WEBHOOKS_PACKAGE_VERSION}${suffix ? ` ${suffix}` : ''}`,
    topics: options.topics ?? [],
    formats: options.formats ?? [],
    dispatcherEnabled: resolveBoolean(options, 'dispatcherEnabled', true),
    requireHttps: resolveBoolean(options, 'requireHttps', false),
    allowedNetworks: resolveStringList(options, 'allowedNetworks'),
    encryptionKeys: resolveStringList(options, 'encryptionKeys'),
    pollIntervalMs: resolveInteger(options, 'pollIntervalMs'),
    batchSize: resolveInteger(options, 'batchSize'),
    concurrency: resolveInteger(options, 'concurrency'),
    leaseMs: resolveInteger(options, 'leaseMs'),
    shutdownTimeoutMs: resolveInteger(options, 'shutdownTimeoutMs'),
    requestTimeoutMs: resolveInteger(options, 'requestTimeoutMs'),
    responseBodyMaxBytes: resolveInteger(options, 'responseBodyMaxBytes'),
    defaultMaxRetries: resolveInteger(options, 'defaultMaxRetries'),
    defaultRetryBackoffMs: resolveInteger(options, 'defaultRetryBackoffMs'),
    maxRetryDelayMs: resolveInteger(options, 'maxRetryDelayMs'),
    autoDisableAfterMs: resolveInteger(options, 'autoDisableAfterMs'),
    maxPayloadBytes: resolveInteger(options, 'maxPayloadBytes'),
    secretRotationOverlapMs: resolveInteger(options, 'secretRotationOverlapMs'),
  };
  if (resolved.leaseMs <= resolved.requestTimeoutMs) {
    throw new InvalidOptionError(
      'leaseMs',
      `${resolved.leaseMs} must be greater than requestTimeoutMs (${resolved.requestTimeoutMs}), or a slow request could be claimed twice.`,
    );
  }
  checkAuthResolver(options, extras);
  return resolved;
}

import { InvalidOptionError } from '../errors/invalid-option.error';
import { resolveWebhooksOptions } from './resolve-webhooks-options';
import { WEBHOOKS_DEFAULTS } from './webhooks-options.defaults';

describe('resolveWebhooksOptions', () => {
  it('fills every numeric option with its named default', () => {
    const resolved = resolveWebhooksOptions({});
    for (const [name, value] of Object.entries(WEBHOOKS_DEFAULTS)) {
      expect(resolved[name as keyof typeof WEBHOOKS_DEFAULTS]).toBe(value);
    }
    expect(resolved.dispatcherEnabled).toBe(true);
    expect(resolved.allowedNetworks).toEqual([]);
    expect(resolved.userAgent).toMatch(/^nestjs-outbound-webhooks\/\d/);
  });

  it('keeps a valid value as given', () => {
    expect(resolveWebhooksOptions({ pollIntervalMs: 250 }).pollIntervalMs).toBe(
      250,
    );
  });

  it('names the option and its range when a value is out of range', () => {
    expect(() => resolveWebhooksOptions({ batchSize: 0 })).toThrow(
      /"batchSize".*from 1 to 5000/,
    );
  });

  it('rejects a fractional value', () => {
    expect(() => resolveWebhooksOptions({ concurrency: 1.5 })).toThrow(
      InvalidOptionError,
    );
  });

  it('rejects a value of the wrong type', () => {
    expect(() =>
      resolveWebhooksOptions({ requireHttps: 'yes' as unknown as boolean }),
    ).toThrow(/"requireHttps": expected true or false/);
  });

  it('refuses a lease not longer than the request timeout', () => {
    expect(() =>
      resolveWebhooksOptions({ leaseMs: 10_000, requestTimeoutMs: 15_000 }),
    ).toThrow(/"leaseMs"/);
  });

  it('accepts zero retries and zero backoff', () => {
    const resolved = resolveWebhooksOptions({
      defaultMaxRetries: 0,
      defaultRetryBackoffMs: 0,
    });
    expect(resolved.defaultMaxRetries).toBe(0);
    expect(resolved.defaultRetryBackoffMs).toBe(0);
  });

  describe('authResolver', () => {
    const authResolver = { resolve: () => Promise.resolve(null) };

    it('is required when the controllers are mounted, by default or explicitly', () => {
      for (const extras of [{}, { mountControllers: true }]) {
        expect(() => resolveWebhooksOptions({}, extras)).toThrow(
          InvalidOptionError,
        );
        expect(() => resolveWebhooksOptions({}, extras)).toThrow(
          /"authResolver": missing, but the REST controllers are mounted.*Pass an authResolver.*or set mountControllers: false/,
        );
      }
    });

    it('may be left out when the controllers are not mounted', () => {
      expect(
        resolveWebhooksOptions({}, { mountControllers: false }).authResolver,
      ).toBeUndefined();
    });

    it('is kept as given when the controllers are mounted', () => {
      expect(
        resolveWebhooksOptions({ authResolver }, { mountControllers: true })
          .authResolver,
      ).toBe(authResolver);
    });

    it('is not asked for when the extras are not known', () => {
      expect(resolveWebhooksOptions({}).authResolver).toBeUndefined();
    });

    it('refuses a value without a resolve method', () => {
      expect(() =>
        resolveWebhooksOptions(
          { authResolver: {} as unknown as typeof authResolver },
          { mountControllers: false },
        ),
      ).toThrow(/"authResolver": expected an object with a resolve\(token\)/);
    });
  });
});

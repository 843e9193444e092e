import { WEBHOOKS_DEFAULTS } from '../options/webhooks-options.defaults';
import { RetrySchedule } from './retry.schedule';
import type { WebhookRetrySettings } from './retry.schedule';
import { parseRetryAfterMs } from './retry-after.parser';

const DEFAULTS = {
  defaultMaxRetries: WEBHOOKS_DEFAULTS.defaultMaxRetries,
  defaultRetryBackoffMs: WEBHOOKS_DEFAULTS.defaultRetryBackoffMs,
  maxRetryDelayMs: WEBHOOKS_DEFAULTS.maxRetryDelayMs,
};
const MODULE_DEFAULT: WebhookRetrySettings = {
  retryEnabled: true,
  maxRetries: null,
  retryBackoffMs: null,
};
const DAY_MS = 24 * 60 * 60 * 1000;

function totalSpanMs(schedule: RetrySchedule): number {
  let total = 0;
  for (let n = 1; n <= schedule.maxRetries(MODULE_DEFAULT); n++) {
    total += schedule.delayMs(MODULE_DEFAULT, n);
  }
  return total;
}

describe('RetrySchedule', () => {
  const noJitter = new RetrySchedule(DEFAULTS, () => 0.5);

  it('doubles the delay from retryBackoffMs on each retry', () => {
    const settings = { retryEnabled: true, maxRetries: 5, retryBackoffMs: 100 };
    expect([1, 2, 3, 4].map((n) => noJitter.delayMs(settings, n))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('keeps jitter within ±20%', () => {
    const settings = {
      retryEnabled: true,
      maxRetries: 5,
      retryBackoffMs: 1000,
    };
    expect(new RetrySchedule(DEFAULTS, () => 0).delayMs(settings, 1)).toBe(800);
    expect(
      new RetrySchedule(DEFAULTS, () => 0.999999).delayMs(settings, 1),
    ).toBe(1200);
  });

  it('caps every delay at maxRetryDelayMs', () => {
    const high = new RetrySchedule(DEFAULTS, () => 0.999999);
    expect(high.delayMs(MODULE_DEFAULT, 12)).toBe(DEFAULTS.maxRetryDelayMs);
    expect(high.delayMs(MODULE_DEFAULT, 100)).toBe(DEFAULTS.maxRetryDelayMs);
  });

  it('spans more than a day with the module defaults, even with -20% jitter on every retry', () => {
    expect(totalSpanMs(new RetrySchedule(DEFAULTS, () => 0))).toBeGreaterThan(
      DAY_MS,
    );
    expect(noJitter.maxRetries(MODULE_DEFAULT)).toBe(12);
  });

  it('uses the webhook settings before the module defaults', () => {
    const settings = { retryEnabled: true, maxRetries: 2, retryBackoffMs: 10 };
    expect(noJitter.maxRetries(settings)).toBe(2);
    expect(noJitter.afterFailure(settings, 2)).toEqual({
      retry: true,
      delayMs: 20,
    });
    expect(noJitter.afterFailure(settings, 3)).toEqual({
      retry: false,
      reason: 'RETRIES_EXHAUSTED',
    });
  });

  it('treats maxRetries 0 as no retry and retryBackoffMs 0 as no wait', () => {
    expect(
      noJitter.afterFailure(
        { retryEnabled: true, maxRetries: 0, retryBackoffMs: 10 },
        1,
      ),
    ).toEqual({ retry: false, reason: 'RETRIES_EXHAUSTED' });
    expect(
      noJitter.afterFailure(
        { retryEnabled: true, maxRetries: 3, retryBackoffMs: 0 },
        3,
      ),
    ).toEqual({ retry: true, delayMs: 0 });
  });

  it('does not retry when retries are disabled', () => {
    expect(
      noJitter.afterFailure(
        { retryEnabled: false, maxRetries: 5, retryBackoffMs: 10 },
        1,
      ),
    ).toEqual({ retry: false, reason: 'RETRIES_DISABLED' });
  });

  it('waits at least Retry-After, capped by the maximum, never earlier than the schedule', () => {
    const settings = {
      retryEnabled: true,
      maxRetries: 3,
      retryBackoffMs: 1000,
    };
    expect(noJitter.afterFailure(settings, 1, 5000)).toEqual({
      retry: true,
      delayMs: 5000,
    });
    expect(noJitter.afterFailure(settings, 1, 10)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(noJitter.afterFailure(settings, 1, 10 * DAY_MS)).toEqual({
      retry: true,
      delayMs: DEFAULTS.maxRetryDelayMs,
    });
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(
      30_000,
    );
  });

  it('turns a past date into 0 and garbage into undefined', () => {
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

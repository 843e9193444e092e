/** The retry settings of one webhook; `null` falls back to the module. */
export interface WebhookRetrySettings {
  retryEnabled: boolean;
  maxRetries: number | null;
  retryBackoffMs: number | null;
}

/** The module-wide part of the schedule. */
export interface RetryScheduleDefaults {
  defaultMaxRetries: number;
  defaultRetryBackoffMs: number;
  maxRetryDelayMs: number;
}

/** What happens after a failed attempt. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'RETRIES_DISABLED' | 'RETRIES_EXHAUSTED' };

/** Jitter is ±20% of the exponential delay. */
const JITTER_FRACTION = 0.2;

/**
 * Exponential backoff (×2 per retry from `retryBackoffMs`) with ±20% jitter,
 * capped by `maxRetryDelayMs`. `Retry-After` moves the next attempt later,
 * never earlier, and is capped by the same maximum. Pure: the random source
 * is injectable for tests.
 */
export class RetrySchedule {
  constructor(
    private readonly defaults: RetryScheduleDefaults,
    private readonly random: () => number = Math.random,
  ) {}

  /** Retries allowed after the first attempt for this webhook. */
  maxRetries(settings: WebhookRetrySettings): number {
    if (!settings.retryEnabled) return 0;
    return settings.maxRetries ?? this.defaults.defaultMaxRetries;
  }

  /** The delay before retry `retryNumber` (1-based), jitter included. */
  delayMs(settings: WebhookRetrySettings, retryNumber: number): number {
    const base = settings.retryBackoffMs ?? this.defaults.defaultRetryBackoffMs;
    const exponential = base * 2 ** Math.max(0, retryNumber - 1);
    const jitter = 1 + JITTER_FRACTION * (2 * this.random() - 1);
    const delay = Math.min(exponential * jitter, this.defaults.maxRetryDelayMs);
    return Math.max(0, Math.round(delay));
  }

  /**
   * Decides after failed attempt number `attemptNumber` (1 = the first).
   * `retryAfterMs`, when the receiver sent one, is a lower bound.
   */
  afterFailure(
    settings: WebhookRetrySettings,
    attemptNumber: number,
    retryAfterMs?: number,
  ): RetryDecision {
    if (!settings.retryEnabled) {
      return { retry: false, reason: 'RETRIES_DISABLED' };
    }
    if (attemptNumber > this.maxRetries(settings)) {
      return { retry: false, reason: 'RETRIES_EXHAUSTED' };
    }
    let delayMs = this.delayMs(settings, attemptNumber);
    if (retryAfterMs !== undefined && retryAfterMs > delayMs) {
      delayMs = Math.min(retryAfterMs, this.defaults.maxRetryDelayMs);
    }
    return { retry: true, delayMs };
  }
}

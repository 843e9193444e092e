/** Named defaults of every numeric option (units in the names). */
export const WEBHOOKS_DEFAULTS = {
  pollIntervalMs: 1_000,
  batchSize: 100,
  concurrency: 32,
  leaseMs: 60_000,
  shutdownTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  responseBodyMaxBytes: 64 * 1024,
  defaultMaxRetries: 12,
  defaultRetryBackoffMs: 60_000,
  maxRetryDelayMs: 8 * 60 * 60 * 1000,
  autoDisableAfterMs: 5 * 24 * 60 * 60 * 1000,
  maxPayloadBytes: 1024 * 1024,
  secretRotationOverlapMs: 24 * 60 * 60 * 1000,
} as const;

/** Accepted ranges, inclusive. */
export const WEBHOOKS_RANGES: Record<
  keyof typeof WEBHOOKS_DEFAULTS,
  [number, number]
> = {
  pollIntervalMs: [10, 3_600_000],
  batchSize: [1, 5_000],
  concurrency: [1, 1_000],
  leaseMs: [1_000, 3_600_000],
  shutdownTimeoutMs: [0, 600_000],
  requestTimeoutMs: [100, 600_000],
  responseBodyMaxBytes: [0, 16 * 1024 * 1024],
  defaultMaxRetries: [0, 100],
  defaultRetryBackoffMs: [0, 86_400_000],
  maxRetryDelayMs: [0, 7 * 86_400_000],
  autoDisableAfterMs: [60_000, 365 * 86_400_000],
  maxPayloadBytes: [1_024, 64 * 1024 * 1024],
  secretRotationOverlapMs: [0, 30 * 86_400_000],
};

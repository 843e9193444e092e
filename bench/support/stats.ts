/** The value below which `p` (0..1) of `values` lie (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil(p * sorted.length) - 1),
  );
  return sorted[rank];
}

/** Throughput over the span between the first and the last arrival. */
export function ratePerSecond(
  count: number,
  firstAtMs: number,
  lastAtMs: number,
): number {
  const spanMs = lastAtMs - firstAtMs;
  if (count < 2 || spanMs <= 0) return Number.NaN;
  return ((count - 1) * 1000) / spanMs;
}

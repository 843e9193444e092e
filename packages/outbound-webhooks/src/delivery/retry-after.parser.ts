/**
 * Reads a `Retry-After` header (RFC 9110: delay-seconds or an HTTP date) as
 * a delay in ms from `nowMs`. Unparsable values give `undefined`; a date in
 * the past gives 0.
 */
export function parseRetryAfterMs(
  value: string | string[] | undefined,
  nowMs: number,
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates (all three RFC 9110 forms) start with a day name; this keeps
  // Date.parse from reading "-5" or "2026" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

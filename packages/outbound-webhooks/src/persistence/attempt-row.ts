import { randomUUID } from 'node:crypto';
import type { DeliveryOutcome } from '../delivery/delivery-outcome.interface';

/** Column limit of the `error_message` / `last_error` varchar columns. */
export const ERROR_MAX = 1024;

/** `text` cut to `max` characters. */
export function clip(text: string | null, max: number): string | null {
  return text === null ? null : text.slice(0, max);
}

/** The INSERT values of one attempt; `yes`/`no` encode `succeeded`. */
export function attemptRow<B>(
  outcome: DeliveryOutcome,
  yes: B,
  no: B,
): unknown[] {
  const result = outcome.result!;
  return [
    randomUUID(),
    outcome.delivery.uuid,
    outcome.delivery.webhookUuid,
    outcome.delivery.companyUuid,
    outcome.attemptNumber,
    result.requestedAt,
    result.durationMs,
    outcome.verdict === 'SUCCEEDED' ? yes : no,
    result.statusCode,
    result.errorKind,
    clip(result.errorMessage, ERROR_MAX),
    result.responseBody,
  ];
}

/** The free text an outcome writes (its attempt's error and body). */
export function outcomeText(outcome: DeliveryOutcome): number {
  const result = outcome.result;
  if (!result) return 0;
  return (
    (result.errorMessage?.length ?? 0) + (result.responseBody?.length ?? 0)
  );
}

import { Inject, Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';
import { DeliveryNotClaimableError } from '../errors/delivery-not-claimable.error';
import { DeliveryNotFoundError } from '../errors/delivery-not-found.error';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WebhookDeliveryRepository } from '../persistence/webhook-delivery.repository';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import { DeliveryAttemptRunner } from './delivery-attempt.runner';
import type { DeliveryAttemptSummary } from './delivery-attempt-summary.interface';
import type { DeliveryOutcome } from './delivery-outcome.interface';
import { DeliveryOutcomeRecorder } from './delivery-outcome.recorder';
import { InFlightSet } from './in-flight.set';

const STATUS_AFTER: Record<DeliveryOutcome['verdict'], DeliveryStatus> = {
  SUCCEEDED: 'SUCCEEDED',
  RETRY: 'PENDING',
  FAILED: 'FAILED',
  GONE: 'FAILED',
  RELEASED: 'PENDING',
};

/**
 * Immediate, on-demand delivery for the REST API ("send test event",
 * "resend") — works whether or not this process runs the dispatcher, and
 * never sends a delivery another worker is sending.
 */
@Injectable()
export class WebhookDeliveryService implements BeforeApplicationShutdown {
  private readonly inFlight = new InFlightSet();

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly repository: WebhookDeliveryRepository,
    private readonly runner: DeliveryAttemptRunner,
    private readonly recorder: DeliveryOutcomeRecorder,
  ) {}

  /**
   * Claims one PENDING delivery (due or scheduled for later) and attempts
   * it now; the outcome counts like any attempt (retries, 410, failure
   * clock). Throws `DeliveryNotFoundError`, or `DeliveryNotClaimableError`
   * when it is finished or being sent.
   *
   * With `retry: false` a failed attempt ends the delivery (`FAILED`)
   * instead of scheduling a retry, so no dispatcher ever sends it again.
   */
  async deliverNow(
    deliveryUuid: string,
    { retry = true }: { retry?: boolean } = {},
  ): Promise<DeliveryAttemptSummary> {
    const claimed = await this.repository.claimOne(
      deliveryUuid,
      Date.now(),
      this.options.leaseMs,
    );
    if (!claimed) {
      const stored = await this.repository.findDelivery(deliveryUuid);
      if (!stored) throw new DeliveryNotFoundError(deliveryUuid);
      throw new DeliveryNotClaimableError(deliveryUuid, stored.status);
    }
    const [prepared] = await this.runner.prepare([claimed]);
    if (!prepared) return this.cancelledSummary(deliveryUuid);
    const attempted = await this.inFlight.track((signal) =>
      this.runner.attempt(prepared, signal),
    );
    const outcome: DeliveryOutcome =
      !retry && attempted.verdict === 'RETRY'
        ? { ...attempted, verdict: 'FAILED', nextAttemptAt: null }
        : attempted;
    await this.recorder.record(outcome);
    const result = outcome.result;
    return {
      deliveryUuid,
      attemptNumber: result ? outcome.attemptNumber : null,
      deliveryStatus: STATUS_AFTER[outcome.verdict],
      succeeded: outcome.verdict === 'SUCCEEDED',
      statusCode: result?.statusCode ?? null,
      errorKind: result?.errorKind ?? null,
      errorMessage: result?.errorMessage ?? null,
      requestedAt: result?.requestedAt ?? null,
      durationMs: result?.durationMs ?? null,
      responseBody: result?.responseBody ?? null,
      nextAttemptAt: outcome.nextAttemptAt,
    };
  }

  /**
   * Puts a FAILED, CANCELLED or SUCCEEDED delivery back in the queue, due
   * now (the dispatcher sends it on its next poll). It gets one more attempt
   * within its webhook's retry budget; attempt numbers continue. Throws
   * `DeliveryNotFoundError`, or `DeliveryNotClaimableError` when PENDING.
   */
  async requeue(deliveryUuid: string): Promise<void> {
    if (await this.repository.requeue(deliveryUuid, Date.now())) return;
    const stored = await this.repository.findDelivery(deliveryUuid);
    if (!stored) throw new DeliveryNotFoundError(deliveryUuid);
    throw new DeliveryNotClaimableError(deliveryUuid, stored.status);
  }

  /** Waits for immediate attempts, then aborts what is left. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!(await this.inFlight.settled(this.options.shutdownTimeoutMs))) {
      await this.inFlight.abortAll();
    }
    await this.recorder.flushed(this.options.shutdownTimeoutMs);
  }

  private cancelledSummary(deliveryUuid: string): DeliveryAttemptSummary {
    return {
      deliveryUuid,
      attemptNumber: null,
      deliveryStatus: 'CANCELLED',
      succeeded: false,
      statusCode: null,
      errorKind: null,
      errorMessage:
        'cancelled: the webhook is deleted, disabled or not enabled',
      requestedAt: null,
      durationMs: null,
      responseBody: null,
      nextAttemptAt: null,
    };
  }
}

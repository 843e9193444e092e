import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DeliveryAttemptRunner } from '../delivery/delivery-attempt.runner';
import { DeliveryOutcomeRecorder } from '../delivery/delivery-outcome.recorder';
import { InFlightSet } from '../delivery/in-flight.set';
import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';
import { SchedulerMissingError } from '../errors/scheduler-missing.error';
import { WebhookFanOutService } from '../fanout/webhook-fan-out.service';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WebhookDeliveryRepository } from '../persistence/webhook-delivery.repository';
import { WebhookPublishNotifier } from '../publisher/webhook-publish.notifier';
import {
  WEBHOOKS_DISPATCHER_INTERVAL,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../webhooks.constants';

/**
 * The delivery loop. One named interval (`WEBHOOKS_DISPATCHER_INTERVAL`)
 * ticks every `pollIntervalMs`, and a publish in this process
 * (`WebhookPublishNotifier`) wakes it early; a tick fans out new events
 * (`WebhookFanOutService`), then claims as
 * many due deliveries as there are free slots (`concurrency`) under a lease
 * and starts them. Ticks never overlap (a tick asked for while one runs is
 * run right after it) and never throw. Finished attempts free their slot and
 * wake the loop while work is waiting, so a backlog drains without waiting
 * for the interval.
 *
 * Shutdown (`beforeApplicationShutdown`): stop ticking, wait for running
 * attempts up to `shutdownTimeoutMs`, abort and hand back the rest, then
 * wait for their bookkeeping; the HTTP client closes its sockets after.
 */
@Injectable()
export class WebhookDispatcher
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly inFlight = new InFlightSet();
  private started = false;
  private stopping = false;
  private ticking: Promise<void> | null = null;
  private tickAgain = false;
  /** The last claim was full: more work is probably due. */
  private backlog = false;
  private unsubscribe?: () => void;

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly repository: WebhookDeliveryRepository,
    private readonly runner: DeliveryAttemptRunner,
    private readonly recorder: DeliveryOutcomeRecorder,
    @Optional() private readonly schedulerRegistry?: SchedulerRegistry,
    @Optional() private readonly fanOut?: WebhookFanOutService,
    @Optional() private readonly notifier?: WebhookPublishNotifier,
  ) {}

  /** Starts polling when `dispatcherEnabled`. */
  onApplicationBootstrap(): void {
    if (!this.options.dispatcherEnabled) return;
    if (!this.schedulerRegistry) throw new SchedulerMissingError();
    const interval = setInterval(
      () => this.wake(),
      this.options.pollIntervalMs,
    );
    this.schedulerRegistry.addInterval(WEBHOOKS_DISPATCHER_INTERVAL, interval);
    this.started = true;
    // A publish in this process wakes the loop at once instead of waiting
    // for the next poll.
    this.unsubscribe = this.notifier?.onPublish(() => this.wake());
    this.logger.log(
      `dispatcher started: every ${this.options.pollIntervalMs} ms, ${this.options.concurrency} concurrent requests`,
    );
    this.wake();
  }

  /** Asks for a tick now (after the running one, if any). */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = this.runTicks().finally(() => {
      this.ticking = null;
    });
  }

  /** Runs ticks until no further one was asked for. Never rejects. */
  private async runTicks(): Promise<void> {
    do {
      this.tickAgain = false;
      try {
        await this.tick();
      } catch (error) {
        this.logger.error(
          `dispatcher tick failed; retrying on the next poll: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    } while (this.tickAgain && !this.stopping);
  }

  private async tick(): Promise<void> {
    await this.fanOutNewEvents();
    await this.claimAndStart();
  }

  /** Turns new outbox events into deliveries; errors wait for a later tick. */
  private async fanOutNewEvents(): Promise<void> {
    if (!this.fanOut || this.stopping) return;
    try {
      const done = await this.fanOut.fanOutPending(this.options.batchSize);
      if (done >= this.options.batchSize) this.tickAgain = true;
    } catch (error) {
      this.logger.error(
        `fan-out failed; retrying on the next poll: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async claimAndStart(): Promise<void> {
    for (;;) {
      const free = this.options.concurrency - this.inFlight.size;
      if (this.stopping || free <= 0) return;
      const limit = Math.min(this.options.batchSize, free);
      const claimed = await this.repository.claimDue(
        limit,
        Date.now(),
        this.options.leaseMs,
      );
      this.backlog = claimed.length === limit;
      if (claimed.length === 0) return;
      this.logger.debug(`claimed ${claimed.length} deliveries`);
      const prepared = await this.runner.prepare(claimed);
      if (this.stopping) {
        await this.handBack(prepared);
        return;
      }
      for (const item of prepared) this.start(item);
      if (!this.backlog) return;
    }
  }

  private start(prepared: PreparedDelivery): void {
    void this.inFlight
      .track(async (signal) => {
        const outcome = await this.runner.attempt(prepared, signal);
        await this.recorder.record(outcome);
      })
      .catch((error: unknown) => {
        this.logger.error(
          `delivery ${prepared.delivery.uuid}: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        // Refill once half the slots are free, not after every attempt.
        const refillAt = Math.floor(this.options.concurrency / 2);
        if (this.backlog && this.inFlight.size <= refillAt) this.wake();
      });
  }

  /** Claimed but not started: give them back at once. */
  private async handBack(prepared: PreparedDelivery[]): Promise<void> {
    const byOwner = new Map<string, string[]>();
    for (const { delivery } of prepared) {
      byOwner.set(delivery.leaseOwner, [
        ...(byOwner.get(delivery.leaseOwner) ?? []),
        delivery.uuid,
      ]);
    }
    for (const [owner, uuids] of byOwner) {
      await this.repository.release(owner, uuids, Date.now());
    }
  }

  /** Stops claiming, drains running attempts and hands back the rest. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    this.unsubscribe?.();
    const registry = this.schedulerRegistry;
    if (registry?.getIntervals().includes(WEBHOOKS_DISPATCHER_INTERVAL)) {
      registry.deleteInterval(WEBHOOKS_DISPATCHER_INTERVAL);
    }
    await this.ticking;
    const running = this.inFlight.size;
    if (!(await this.inFlight.settled(this.options.shutdownTimeoutMs))) {
      this.logger.warn(
        `shutdown: ${this.inFlight.size} of ${running} attempts still running after ${this.options.shutdownTimeoutMs} ms; aborting them and handing their deliveries back`,
      );
      await this.inFlight.abortAll();
    }
    await this.recorder.flushed();
    this.logger.log('dispatcher stopped');
  }
}

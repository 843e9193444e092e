import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DeliveryAttemptRunner } from '../delivery/delivery-attempt.runner';
import { DeliveryOutcomeRecorder } from '../delivery/delivery-outcome.recorder';
import { SchedulerMissingError } from '../errors/scheduler-missing.error';
import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import { WebhookFanOutService } from '../fanout/webhook-fan-out.service';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WebhookDeliveryRepository } from '../persistence/webhook-delivery.repository';
import { errorMessage } from '../errors/error-message';
import { WebhookPublishNotifier } from '../publisher/webhook-publish.notifier';
import {
  WEBHOOKS_DISPATCHER_INTERVAL,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../webhooks.constants';
import { DeliverySlots } from './delivery.slots';
import { FanOutLoop } from './fan-out.loop';
import type { FreshDeliverySink } from './fresh-delivery-sink.interface';
import { freshRoundRoom } from './fresh-round.room';
import { SerialRunner } from './serial.runner';

/**
 * The delivery loop. One named interval (`WEBHOOKS_DISPATCHER_INTERVAL`)
 * ticks every `pollIntervalMs`, and a publish in this process
 * (`WebhookPublishNotifier`) wakes it early; a tick asks the `FanOutLoop`
 * to turn new events into deliveries beside it, then claims up to
 * `batchSize` due deliveries under a lease and queues them in
 * `DeliverySlots`, which starts them as `concurrency` slots free up. Ticks
 * never overlap (`SerialRunner`) and never throw. Claiming pauses while the
 * batching `DeliveryOutcomeRecorder` has more than two batches unwritten.
 *
 * Shutdown (`beforeApplicationShutdown`): stop ticking and fanning out,
 * then `DeliverySlots.stop` hands back what was not started, waits for
 * running attempts up to `shutdownTimeoutMs`, aborts and hands back the
 * rest, and waits for the bookkeeping; the HTTP client closes its sockets
 * after.
 */
@Injectable()
export class WebhookDispatcher
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(WebhookDispatcher.name);
  private started = false;
  private stopping = false;
  /** Ticks, one at a time (`wake` asks for one). */
  private readonly ticks = new SerialRunner(
    () => this.tick(),
    (error) =>
      this.logger.error(
        `dispatcher tick failed; retrying on the next poll: ${errorMessage(error)}`,
      ),
  );
  /** The last claim was full: more work is probably due. */
  private backlog = false;
  /** Claimed, checked deliveries waiting for and running in slots. */
  private readonly slots: DeliverySlots;
  private unsubscribe?: () => void;
  private fanOutLoop?: FanOutLoop;
  /** Fresh deliveries from this process's fan-out, already leased to it. */
  private readonly freshSink: FreshDeliverySink = {
    reserve: (wanted) => {
      const room = freshRoundRoom(
        wanted,
        this.handOffRoom(),
        this.options.concurrency,
        this.slots.waiting,
      );
      this.handOffReserved += room;
      return room;
    },
    release: (reserved) => {
      this.handOffReserved -= reserved;
    },
    accept: (claimed) => this.acceptFresh(claimed),
  };
  /** Room set aside for fan-out rounds whose deliveries are not queued yet. */
  private handOffReserved = 0;

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly repository: WebhookDeliveryRepository,
    private readonly runner: DeliveryAttemptRunner,
    private readonly recorder: DeliveryOutcomeRecorder,
    @Optional() private readonly schedulerRegistry?: SchedulerRegistry,
    @Optional() private readonly fanOut?: WebhookFanOutService,
    @Optional() private readonly notifier?: WebhookPublishNotifier,
  ) {
    this.slots = new DeliverySlots(
      options,
      runner,
      recorder,
      repository,
      this.logger,
      () => this.afterSlotFree(),
      () => this.afterRecorded(),
    );
  }

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
    if (this.fanOut) {
      this.fanOutLoop = new FanOutLoop(
        this.fanOut,
        this.options.batchSize,
        () => this.wake(),
        this.logger,
        this.fanOut.handsOffLeased ? this.freshSink : undefined,
      );
    }
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
    this.ticks.request();
  }

  /**
   * Asks the fan-out loop for a round (it runs beside the claims, so a big
   * batch of new events never holds up deliveries already due; each round
   * that made deliveries wakes this loop again), then claims and starts.
   */
  private async tick(): Promise<boolean> {
    this.fanOutLoop?.kick();
    await this.claimAndStart();
    return false;
  }

  /**
   * Claims ahead: a batch (`DeliverySlots.claimLimit`, at most `batchSize`)
   * goes into a local ready queue whenever it runs low, so a free slot
   * never waits for a claim round trip (on SQLite, whose claim order is
   * unspecified, only as many as there are free slots). Claiming pauses
   * while the recorder has more than two batches unwritten.
   */
  private async claimAndStart(): Promise<void> {
    for (;;) {
      this.slots.start();
      if (this.stopping || !this.slots.lowOnReady()) {
        return;
      }
      if (this.recorder.waiting >= 2 * this.options.batchSize) return;
      // Claim ahead only where claims come back in due order.
      const free = this.options.concurrency - this.slots.running;
      if (!this.repository.claimsInDueOrder && free <= 0) return;
      const limit = this.repository.claimsInDueOrder
        ? this.slots.claimLimit()
        : Math.min(this.options.batchSize, free);
      if (limit <= 0) {
        // Nothing is worth claiming until a slot frees up; then
        // `afterSlotFree` comes back for whatever may be due.
        this.backlog = true;
        return;
      }
      const { claimed, webhooks } = await this.repository.claimDueWithWebhooks(
        limit,
        Date.now(),
        this.options.leaseMs,
      );
      this.backlog = claimed.length === limit;
      if (claimed.length === 0) return;
      this.logger.debug(`claimed ${claimed.length} deliveries`);
      await this.slots.queue(
        await this.runner.prepare(claimed, webhooks ?? undefined),
      );
      if (this.stopping || !this.backlog) return;
    }
  }

  /** A slot was freed: claim more if a backlog waits, fan out further. */
  private afterSlotFree(): void {
    if (this.backlog && this.slots.lowOnReady()) {
      this.wake();
    }
    this.resumeFanOut();
  }

  /** Claiming paused on a full recorder resumes once it has room. */
  private afterRecorded(): void {
    if (
      this.backlog &&
      this.recorder.waiting < 2 * this.options.batchSize &&
      this.slots.lowOnReady()
    ) {
      this.wake();
    }
    this.resumeFanOut();
  }

  /**
   * How many fresh deliveries the fan-out may hand over: what the slots
   * start before the ready age runs out (`DeliverySlots.startableSoon`),
   * less what rounds in progress set aside. A round takes a while (a
   * claim, the inserts, a commit), so the next one starts while a batch is
   * still queued, or the slots would idle until it is done; none while the
   * recorder is behind, as for claims.
   */
  private handOffRoom(): number {
    const { concurrency, batchSize } = this.options;
    if (
      this.stopping ||
      this.slots.waiting > concurrency + batchSize ||
      this.recorder.waiting >= 2 * batchSize
    ) {
      return 0;
    }
    return (
      Math.min(
        concurrency + 2 * batchSize - this.slots.waiting,
        this.slots.startableSoon(),
      ) - this.handOffReserved
    );
  }

  /**
   * Takes fresh deliveries from the fan-out as if just claimed: their
   * webhooks are checked (those of a disabled or deleted one cancelled),
   * then they queue for a slot.
   */
  private async acceptFresh(claimed: ClaimedDelivery[]): Promise<void> {
    try {
      await this.slots.queue(await this.runner.prepare(claimed));
    } catch (error) {
      this.logger.error(
        `taking ${claimed.length} fanned-out deliveries failed; they are retried after the lease: ${errorMessage(error)}`,
      );
    }
  }

  /** A fan-out that waited for room in the queue goes on once there is. */
  private resumeFanOut(): void {
    if (this.fanOutLoop?.waitingForRoom && this.handOffRoom() > 0) {
      this.fanOutLoop.kick();
    }
  }

  /** Stops claiming, drains running attempts and hands back the rest. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    this.slots.stopStarting();
    this.unsubscribe?.();
    const registry = this.schedulerRegistry;
    if (registry?.getIntervals().includes(WEBHOOKS_DISPATCHER_INTERVAL)) {
      registry.deleteInterval(WEBHOOKS_DISPATCHER_INTERVAL);
    }
    await Promise.all([this.ticks.stop(), this.fanOutLoop?.stop()]);
    await this.slots.stop();
    this.logger.log('dispatcher stopped');
  }
}

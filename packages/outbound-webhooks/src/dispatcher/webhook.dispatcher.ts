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
import type { DeliveryHandOff } from '../fanout/delivery-hand-off.interface';
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
import { FanOutLoop } from './fan-out.loop';
import { ReadyQueue } from './ready.queue';

/**
 * A claimed delivery starts only with the request timeout plus this much
 * lease left (or half of what `leaseMs` leaves over the timeout).
 */
const LEASE_SAFETY_MS = 1_000;

/**
 * A delivery waits at most this long in the ready queue after its webhook
 * was checked; older ones are handed back and re-claimed (and re-checked),
 * so a webhook disabled meanwhile gets nothing more.
 */
const READY_MAX_AGE_MS = 250;

/**
 * The delivery loop. One named interval (`WEBHOOKS_DISPATCHER_INTERVAL`)
 * ticks every `pollIntervalMs`, and a publish in this process
 * (`WebhookPublishNotifier`) wakes it early; a tick asks the `FanOutLoop`
 * to turn new events into deliveries beside it, then claims up to
 * `batchSize` due deliveries under a lease into a local ready queue, and
 * starts them as `concurrency` slots free up. Ticks never overlap (a tick
 * asked for while one runs is run right after it) and never throw. An
 * attempt frees its slot when its HTTP exchange ends; its outcome goes to
 * the batching `DeliveryOutcomeRecorder`, and claiming pauses while that
 * has more than two batches unwritten.
 *
 * Shutdown (`beforeApplicationShutdown`): stop ticking, hand back what was
 * claimed but not started, wait for running attempts up to
 * `shutdownTimeoutMs`, abort and hand back the rest, then wait for all
 * bookkeeping to be written; the HTTP client closes its sockets after.
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
  /** Claimed, checked and waiting for a slot. */
  private readonly ready = new ReadyQueue();
  private unsubscribe?: () => void;
  private fanOutLoop?: FanOutLoop;
  /** Fresh deliveries from this process's fan-out, already leased to it. */
  private readonly handOff: DeliveryHandOff = {
    room: () => this.handOffRoom(),
    accept: (claimed) => this.acceptFresh(claimed),
  };

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
    if (this.fanOut) {
      this.fanOutLoop = new FanOutLoop(
        this.fanOut,
        this.options.batchSize,
        () => this.wake(),
        this.logger,
        this.fanOut.handsOffLeased ? this.handOff : undefined,
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
          `dispatcher tick failed; retrying on the next poll: ${errorMessage(error)}`,
        );
      }
    } while (this.tickAgain && !this.stopping);
  }

  /**
   * Asks the fan-out loop for a round (it runs beside the claims, so a big
   * batch of new events never holds up deliveries already due; each round
   * that made deliveries wakes this loop again), then claims and starts.
   */
  private async tick(): Promise<void> {
    this.fanOutLoop?.kick();
    await this.claimAndStart();
  }

  /**
   * Claims ahead: a batch of `batchSize` goes into a local ready queue
   * whenever it runs low, so a free slot never waits for a claim round
   * trip (on SQLite, whose claim order is unspecified, only as many as
   * there are free slots). Claiming pauses while the recorder has more than two batches
   * unwritten.
   */
  private async claimAndStart(): Promise<void> {
    for (;;) {
      this.pump();
      if (this.stopping || this.ready.size > this.options.concurrency) {
        return;
      }
      if (this.recorder.waiting >= 2 * this.options.batchSize) return;
      // Claim ahead only where claims come back in due order.
      const free = this.options.concurrency - this.inFlight.size;
      if (!this.repository.claimsInDueOrder && free <= 0) return;
      const limit = this.repository.claimsInDueOrder
        ? this.options.batchSize
        : Math.min(this.options.batchSize, free);
      const { claimed, webhooks } = await this.repository.claimDueWithWebhooks(
        limit,
        Date.now(),
        this.options.leaseMs,
      );
      this.backlog = claimed.length === limit;
      if (claimed.length === 0) return;
      this.logger.debug(`claimed ${claimed.length} deliveries`);
      const prepared = await this.runner.prepare(
        claimed,
        webhooks ?? undefined,
      );
      if (this.stopping) {
        await this.handBack(prepared);
        return;
      }
      this.ready.push(prepared, Date.now());
      this.pump();
      if (!this.backlog) return;
    }
  }

  /**
   * Starts ready deliveries while slots are free. One whose lease would
   * run out before a whole exchange could finish (another dispatcher may
   * take it once the lease ends, and two must never send it at once), or
   * whose webhook check is older than `READY_MAX_AGE_MS`, is handed back
   * instead.
   */
  private pump(): void {
    const stale: PreparedDelivery[] = [];
    const now = Date.now();
    const { leaseMs, requestTimeoutMs } = this.options;
    const needed =
      requestTimeoutMs +
      Math.min(LEASE_SAFETY_MS, (leaseMs - requestTimeoutMs) / 2);
    while (
      this.ready.size > 0 &&
      this.inFlight.size < this.options.concurrency &&
      !this.stopping
    ) {
      const { prepared, checkedAt } = this.ready.take()!;
      if (
        prepared.delivery.leaseExpiresAt - now < needed ||
        now - checkedAt > READY_MAX_AGE_MS
      ) {
        stale.push(prepared);
      } else {
        this.start(prepared);
      }
    }
    if (stale.length > 0) {
      this.handBack(stale).catch((error: unknown) => {
        this.logger.error(
          `handing back ${stale.length} deliveries failed; they are retried after the lease: ${errorMessage(error)}`,
        );
      });
    }
  }

  private start(prepared: PreparedDelivery): void {
    void this.inFlight.track(
      (signal) => this.attemptOnce(prepared, signal),
      this.afterAttempt,
    );
  }

  /**
   * One attempt; never rejects. The slot is free as soon as the exchange
   * ends; the bookkeeping is written in batches (shutdown waits for it).
   */
  private async attemptOnce(
    prepared: PreparedDelivery,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const outcome = await this.runner.attempt(prepared, signal);
      this.recorder.enqueue(outcome, this.afterRecorded);
    } catch (error) {
      this.logger.error(
        `delivery ${prepared.delivery.uuid}: ${errorMessage(error)}`,
      );
    }
  }

  /** A slot was freed (shared by all attempts: no closure per attempt). */
  private readonly afterAttempt = (): void => {
    this.pump();
    if (this.backlog && this.ready.size <= this.options.concurrency) {
      this.wake();
    }
    this.resumeFanOut();
  };

  /** Claiming paused on a full recorder resumes once it has room. */
  private readonly afterRecorded = (): void => {
    if (
      this.backlog &&
      this.recorder.waiting < 2 * this.options.batchSize &&
      this.ready.size <= this.options.concurrency
    ) {
      this.wake();
    }
    this.resumeFanOut();
  };

  /**
   * How many fresh deliveries the fan-out may hand over. A round takes a
   * while (a claim, the inserts, a commit), so the next one starts while a
   * batch is still queued, or the slots would idle until it is done; none
   * while the recorder is behind, as for claims.
   */
  private handOffRoom(): number {
    const { concurrency, batchSize } = this.options;
    if (
      this.stopping ||
      this.ready.size > concurrency + batchSize ||
      this.recorder.waiting >= 2 * batchSize
    ) {
      return 0;
    }
    return concurrency + 2 * batchSize - this.ready.size;
  }

  /**
   * Takes fresh deliveries from the fan-out as if just claimed: their
   * webhooks are checked (those of a disabled or deleted one cancelled),
   * then they queue for a slot.
   */
  private async acceptFresh(claimed: ClaimedDelivery[]): Promise<void> {
    try {
      const prepared = await this.runner.prepare(claimed);
      if (this.stopping) {
        await this.handBack(prepared);
        return;
      }
      this.ready.push(prepared, Date.now());
      this.pump();
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

  /** Claimed but not started: give them back at once. */
  private async handBack(prepared: PreparedDelivery[]): Promise<void> {
    const byOwner = new Map<string, string[]>();
    for (const { delivery } of prepared) {
      const uuids = byOwner.get(delivery.leaseOwner);
      if (uuids) uuids.push(delivery.uuid);
      else byOwner.set(delivery.leaseOwner, [delivery.uuid]);
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
    await Promise.all([this.ticking, this.fanOutLoop?.stop()]);
    const unstarted = this.ready.drain();
    if (unstarted.length > 0) {
      try {
        await this.handBack(unstarted);
      } catch (error) {
        this.logger.error(
          `shutdown: handing back ${unstarted.length} unstarted deliveries failed; they are retried after the lease: ${errorMessage(error)}`,
        );
      }
    }
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

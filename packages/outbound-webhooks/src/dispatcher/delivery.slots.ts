import type { Logger } from '@nestjs/common';
import type { DeliveryAttemptRunner } from '../delivery/delivery-attempt.runner';
import type { DeliveryOutcomeRecorder } from '../delivery/delivery-outcome.recorder';
import { InFlightSet } from '../delivery/in-flight.set';
import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';
import { errorMessage } from '../errors/error-message';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import type { WebhookDeliveryRepository } from '../persistence/webhook-delivery.repository';
import { AttemptDurationMeter } from './attempt-duration.meter';
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
 * A claim-ahead takes what the slots can start in this share of
 * `READY_MAX_AGE_MS`, beyond what already waits.
 */
const CLAIM_AHEAD_SHARE = 0.5;

/**
 * The next claim-ahead is due once no more than the slots can start in this
 * share of `READY_MAX_AGE_MS` waits: a claim takes a round trip, tens of
 * milliseconds on a busy database, and the slots should not run dry
 * meanwhile.
 */
const CLAIM_AT_SHARE = 0.25;

/**
 * The dispatcher's `concurrency` slots: checked deliveries queue here and
 * start as slots free up. A slot is free as soon as its HTTP exchange ends;
 * the outcome goes to the batching recorder. `onSlotFree` and `onRecorded`
 * let the dispatcher claim or fan out more.
 */
export class DeliverySlots {
  private readonly inFlight = new InFlightSet();
  private readonly ready = new ReadyQueue();
  private readonly durations = new AttemptDurationMeter();
  /** When an attempt last started or ended (`performance.now()`). */
  private lastSlotChange = 0;
  private stopping = false;

  constructor(
    private readonly options: ResolvedWebhooksOptions,
    private readonly runner: DeliveryAttemptRunner,
    private readonly recorder: DeliveryOutcomeRecorder,
    private readonly repository: WebhookDeliveryRepository,
    private readonly logger: Logger,
    private readonly onSlotFree: () => void,
    private readonly onRecorded: () => void,
  ) {}

  /** Deliveries waiting for a slot. */
  get waiting(): number {
    return this.ready.size;
  }

  /** Attempts running now. */
  get running(): number {
    return this.inFlight.size;
  }

  /**
   * How many fresh deliveries the fan-out may hand over: what the slots can
   * start in half of `READY_MAX_AGE_MS`, less what already waits; at least
   * the free slots, which may be 0. The same share as a claim-ahead, so
   * that a claim and a hand-off landing together (neither counts the
   * other) still start within `READY_MAX_AGE_MS`.
   */
  startableSoon(): number {
    const window = READY_MAX_AGE_MS * CLAIM_AHEAD_SHARE;
    const startable = Math.floor(this.startsWithin(window)) - this.ready.size;
    return Math.max(this.free, startable);
  }

  /**
   * How many deliveries a claim-ahead should take: `startableSoon`, never
   * more than `batchSize` (a full batch would wait too long behind a slow
   * receiver, or when this process's CPU is the limit, and be handed back
   * and claimed again). When 0, nothing is worth claiming until a slot
   * frees up.
   */
  claimLimit(): number {
    return Math.min(this.options.batchSize, this.startableSoon());
  }

  /**
   * Whether the ready queue runs low enough for the next claim-ahead: no
   * more waits than the slots start in a quarter of `READY_MAX_AGE_MS`, or
   * than there are free slots.
   */
  lowOnReady(): boolean {
    const soon = Math.floor(
      this.startsWithin(READY_MAX_AGE_MS * CLAIM_AT_SHARE),
    );
    return this.ready.size <= Math.max(this.free, soon);
  }

  private get free(): number {
    return Math.max(0, this.options.concurrency - this.inFlight.size);
  }

  /**
   * What all slots start in `windowMs`, judged by how long attempts hold
   * a slot (`AttemptDurationMeter`); 0 before any attempt has ended. While
   * every slot is busy and none has changed hands for a while, each
   * running attempt has taken at least that long: a receiver that just
   * slowed down shows at once, not only after its attempts end.
   */
  private startsWithin(windowMs: number): number {
    const unchangedMs =
      this.free === 0 ? performance.now() - this.lastSlotChange : 0;
    return (
      this.durations.startsWithin(
        windowMs,
        this.options.concurrency,
        unchangedMs,
      ) ?? 0
    );
  }

  /** Checked deliveries wait for a slot; after `stop` began, go back. */
  async queue(prepared: PreparedDelivery[]): Promise<void> {
    if (this.stopping) {
      await this.handBack(prepared);
      return;
    }
    this.ready.push(prepared, Date.now());
    this.start();
  }

  /**
   * Starts waiting deliveries while slots are free; those whose lease is
   * too short for a whole exchange, or whose webhook check is older than
   * `READY_MAX_AGE_MS`, are handed back instead
   * (`ReadyQueue.takeStartable`).
   */
  start(): void {
    const stale: PreparedDelivery[] = [];
    const now = Date.now();
    const { leaseMs, requestTimeoutMs, concurrency } = this.options;
    const needed =
      requestTimeoutMs +
      Math.min(LEASE_SAFETY_MS, (leaseMs - requestTimeoutMs) / 2);
    while (this.inFlight.size < concurrency && !this.stopping) {
      const next = this.ready.takeStartable(
        now,
        needed,
        READY_MAX_AGE_MS,
        stale,
      );
      if (!next) break;
      void this.inFlight.track(
        (signal) => this.attemptOnce(next, signal),
        this.afterAttempt,
      );
    }
    if (stale.length > 0) {
      this.handBack(stale).catch((error: unknown) => {
        this.logger.error(
          `handing back ${stale.length} deliveries failed; they are ` +
            `retried after the lease: ${errorMessage(error)}`,
        );
      });
    }
  }

  /**
   * Starts nothing more: from now on queued deliveries are handed back (by
   * `queue` at once, by `stop` for those already waiting).
   */
  stopStarting(): void {
    this.stopping = true;
  }

  /**
   * Hands back what waits, waits for running attempts up to
   * `shutdownTimeoutMs`, aborts and hands back the rest, then waits for
   * all bookkeeping to be written (up to `shutdownTimeoutMs` again).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const unstarted = this.ready.drain();
    if (unstarted.length > 0) {
      try {
        await this.handBack(unstarted);
      } catch (error) {
        this.logger.error(
          `shutdown: handing back ${unstarted.length} unstarted ` +
            `deliveries failed; they are retried after the lease: ` +
            `${errorMessage(error)}`,
        );
      }
    }
    const running = this.inFlight.size;
    const { shutdownTimeoutMs } = this.options;
    if (!(await this.inFlight.settled(shutdownTimeoutMs))) {
      this.logger.warn(
        `shutdown: ${this.inFlight.size} of ${running} attempts still ` +
          `running after ${shutdownTimeoutMs} ms; aborting them and ` +
          `handing their deliveries back`,
      );
      await this.inFlight.abortAll();
    }
    if (!(await this.recorder.flushed(shutdownTimeoutMs))) {
      this.logger.warn(
        `shutdown: ${this.recorder.waiting} attempt outcomes still unwritten ` +
          `after ${shutdownTimeoutMs} ms; their deliveries are sent again ` +
          `after the lease`,
      );
    }
  }

  /** One attempt; never rejects. Bookkeeping is written in batches. */
  private async attemptOnce(
    prepared: PreparedDelivery,
    signal: AbortSignal,
  ): Promise<void> {
    const started = performance.now();
    this.lastSlotChange = started;
    try {
      const outcome = await this.runner.attempt(prepared, signal);
      this.recorder.enqueue(outcome, this.onRecorded);
    } catch (error) {
      this.logger.error(
        `delivery ${prepared.delivery.uuid}: ${errorMessage(error)}`,
      );
    } finally {
      this.lastSlotChange = performance.now();
      this.durations.add(this.lastSlotChange - started);
    }
  }

  /** A slot was freed (shared by all attempts: no closure per attempt). */
  private readonly afterAttempt = (): void => {
    this.start();
    this.onSlotFree();
  };

  /** Claimed but not started: give them back at once. */
  private handBack(prepared: PreparedDelivery[]): Promise<void> {
    return this.repository.releaseClaims(
      prepared.map((p) => p.delivery),
      Date.now(),
    );
  }
}

import type { Logger } from '@nestjs/common';
import { errorMessage } from '../errors/error-message';
import type { DeliveryHandOff } from '../fanout/delivery-hand-off.interface';
import type { WebhookFanOutService } from '../fanout/webhook-fan-out.service';
import type { FreshDeliverySink } from './fresh-delivery-sink.interface';
import { SerialRunner } from './serial.runner';

/**
 * Rounds that may run at once under a backlog: while one round's insert
 * commits, the next claims and renders. A single new event takes one.
 */
const LANES = 2;

/** Weight of the last round in the deliveries-per-event average. */
const RATIO_WEIGHT = 1 / 2;
/** Below this, a round takes `batchSize` events whatever the room. */
const MIN_RATIO = 0.01;

/**
 * Runs the fan-out (new outbox events → deliveries) beside the claim loop,
 * so a large batch of new events never holds up deliveries already due.
 * A round fans out up to `batchSize` events; rounds repeat while full
 * batches come back, two at once (`LANES`), and each round that
 * completed events calls `onFannedOut` so the new deliveries are claimed
 * at once. Never rejects; a failed round waits for the next `kick`.
 *
 * With a `sink`, the fresh deliveries go straight to the dispatcher, and
 * a round starts only while it has room: fanning out further ahead would
 * only store deliveries it then has to claim back from the database, while
 * the events wait just as well where they are. `waitingForRoom` says the
 * dispatcher should `kick` once its queue has room again.
 */
export class FanOutLoop {
  private waiting = false;
  /** Moving average of the deliveries an event makes. */
  private deliveriesPerEvent = 1;
  private readonly lanes = Array.from(
    { length: LANES },
    (_, lane) =>
      new SerialRunner(
        () => this.round(lane),
        (error) =>
          this.logger.error(
            `fan-out failed; retrying on the next poll: ${errorMessage(error)}`,
          ),
      ),
  );

  constructor(
    private readonly fanOut: WebhookFanOutService,
    private readonly batchSize: number,
    private readonly onFannedOut: () => void,
    private readonly logger: Logger,
    private readonly sink?: FreshDeliverySink,
  ) {}

  /** A round was skipped for want of room in the dispatcher's queue. */
  get waitingForRoom(): boolean {
    return this.waiting;
  }

  /** Asks for a round now (on the first lane, after its running one). */
  kick(): void {
    this.lanes[0].request();
  }

  /** Starts no further round and waits for the running ones. */
  async stop(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.stop()));
  }

  /**
   * One round; true when it came back full (more is probably due). With a
   * sink, a round takes only as many events as the dispatcher has room
   * for, so that (with one matching webhook per event) every delivery is
   * handed over rather than stored for a claim to read back.
   */
  private async round(lane: number): Promise<boolean> {
    const full = await this.reservedRound();
    // More is probably due: the next lane claims while this one repeats.
    if (full) this.lanes[(lane + 1) % LANES].request();
    return full;
  }

  private async reservedRound(): Promise<boolean> {
    if (!this.sink) return this.fanOutUpTo(this.batchSize);
    const sink = this.sink;
    const room = sink.reserve(this.batchSize);
    this.waiting = room <= 0;
    if (this.waiting) return false;
    // Events enough for the room, as far as the last rounds tell: 50
    // events of 10 matching webhooks each fill a room of 500.
    const events = Math.max(
      1,
      Math.min(
        this.batchSize,
        Math.floor(room / Math.max(this.deliveriesPerEvent, MIN_RATIO)),
      ),
    );
    try {
      return await this.fanOutUpTo(events, {
        room,
        accept: (claimed) => sink.accept(claimed),
      });
    } finally {
      sink.release(room);
    }
  }

  /**
   * True when `limit` events were claimed (more is probably due), even if
   * some could not be fanned out yet: those wait out their lease.
   */
  private async fanOutUpTo(
    limit: number,
    handOff?: DeliveryHandOff,
  ): Promise<boolean> {
    const { claimed, events, deliveries } = await this.fanOut.fanOutRound(
      limit,
      handOff,
    );
    if (events > 0) {
      this.onFannedOut();
      this.deliveriesPerEvent +=
        (deliveries / events - this.deliveriesPerEvent) * RATIO_WEIGHT;
    }
    return claimed >= limit;
  }
}

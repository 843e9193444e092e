import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { groupBy } from '../collections/group-by';
import { errorMessage } from '../errors/error-message';
import { WebhookFormatRegistry } from '../formatters/webhook-format.registry';
import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import {
  WEBHOOKS_DATA_SOURCE,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../webhooks.constants';
import type { DeliveryHandOff } from './delivery-hand-off.interface';
import { FanOutEventStore } from './fan-out-event.store';
import { FanOutHandOffWriter } from './fan-out-hand-off.writer';
import { FanOutPlanner } from './fan-out.planner';
import type {
  FanOutPlan,
  RenderedTestDelivery,
  TestDeliveryWebhook,
} from './fan-out.planner';

export { newDeliveryId } from './fan-out.planner';
export type { RenderedTestDelivery } from './fan-out.planner';

/** What one fan-out round did. */
export interface FanOutRound {
  /** Events claimed (at most the limit asked for). */
  claimed: number;
  /** Events fanned out (marked done). */
  events: number;
  /** Deliveries those events made. */
  deliveries: number;
}

/** A stored round, with the deliveries leased to hand over. */
interface StoredRound extends FanOutRound {
  handed: ClaimedDelivery[];
}

const EMPTY_ROUND: StoredRound = {
  claimed: 0,
  events: 0,
  deliveries: 0,
  handed: [],
};

function roundOf(
  claimed: number,
  plan: FanOutPlan,
  handed: ClaimedDelivery[],
): StoredRound {
  return {
    claimed,
    events: plan.done.length,
    deliveries: plan.deliveries.length,
    handed,
  };
}

/**
 * Turns stored events into deliveries: for each event, every enabled,
 * ACTIVE webhook of the same company whose topic and filter match gets one
 * delivery whose body is rendered once, here, and stored.
 *
 * Several processes may run it on one database: events are claimed with a
 * row lock (`FOR UPDATE SKIP LOCKED` on PostgreSQL and MySQL) that is
 * either held by the short transaction storing their deliveries or, when
 * host code runs in between, turned into a lease; no transaction is open
 * while the host's relation loader runs, and the unique (event, webhook)
 * index makes a repeated fan-out a no-op.
 */
@Injectable()
export class WebhookFanOutService {
  private readonly logger = new Logger(WebhookFanOutService.name);
  private readonly store: FanOutEventStore;
  private readonly writer: FanOutHandOffWriter;
  private readonly planner: FanOutPlanner;
  /** Rounds take the leased path until then (epoch ms), after a failure. */
  private leasedUntil = 0;
  /** The last round claimed nothing: the next one looks before claiming. */
  private lastRoundEmpty = false;

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) dataSource: DataSource,
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    formats: WebhookFormatRegistry,
  ) {
    this.store = new FanOutEventStore(dataSource);
    this.writer = new FanOutHandOffWriter(this.store, options.leaseMs);
    this.planner = new FanOutPlanner(options, formats, this.logger);
  }

  /** Whether `fanOutPending` can hand deliveries over leased (PostgreSQL). */
  get handsOffLeased(): boolean {
    return this.store.insertsLeased;
  }

  /**
   * Fans out up to `limit` of the oldest events not fanned out yet; returns
   * how many were completed. An event whose relations or body could not be
   * produced waits under a lease (`leaseMs`), then is tried again. With
   * `handOff` (the running dispatcher), deliveries it has room for are
   * handed to it already leased (PostgreSQL).
   */
  async fanOutPending(
    limit: number,
    handOff?: DeliveryHandOff,
  ): Promise<number> {
    return (await this.fanOutRound(limit, handOff)).events;
  }

  /**
   * `fanOutPending`, also saying how many deliveries the completed events
   * made (the dispatcher sizes its next round by that ratio).
   *
   * Where it can (PostgreSQL and MySQL, and no host code to run: no
   * relation loader, company provider or custom format), a round is one
   * transaction: claim the events with row locks, render, insert the
   * deliveries and mark the events, one write per event. Otherwise the
   * events are first claimed under a lease, committed at once, so no
   * transaction stays open while the host's code runs.
   */
  async fanOutRound(
    limit: number,
    handOff?: DeliveryHandOff,
  ): Promise<FanOutRound> {
    const now = Date.now();
    const oneTransaction = this.inOneTransaction(now);
    // An idle process polls: one read says whether a transaction is worth
    // opening (three statements on PostgreSQL, four on MySQL).
    if (
      oneTransaction &&
      this.lastRoundEmpty &&
      !(await this.store.anyClaimable(now))
    ) {
      return { claimed: 0, events: 0, deliveries: 0 };
    }
    const round = oneTransaction
      ? await this.store
          .transaction((manager) =>
            this.oneTransactionRound(limit, now, handOff, manager),
          )
          .catch((error: unknown) => {
            // A rolled-back round leaves its events claimable at once: were
            // one of them to fail every time, the next rounds would claim
            // it first and fail again. The leased path puts each failing
            // round's events aside for `leaseMs` and lets newer ones by.
            this.leasedUntil = Date.now() + this.options.leaseMs;
            throw error;
          })
      : await this.leasedRound(limit, now, handOff);
    this.lastRoundEmpty = round.claimed === 0;
    if (handOff && round.handed.length > 0) {
      await handOff.accept(round.handed);
    }
    if (round.claimed > 0) {
      this.logger.debug(
        `Fanned out ${round.events}/${round.claimed} event(s) into ` +
          `${round.deliveries} deliveries`,
      );
    }
    return {
      claimed: round.claimed,
      events: round.events,
      deliveries: round.deliveries,
    };
  }

  /**
   * Whether a round runs as one transaction: the database can claim inside
   * one, no host code (relation loader, company provider, custom format)
   * runs in the middle, and no such round failed within the last `leaseMs`.
   */
  private inOneTransaction(now: number): boolean {
    return (
      this.store.claimsInTransaction &&
      this.options.relationLoader === undefined &&
      this.options.companyInfoProvider === undefined &&
      this.options.formats.length === 0 &&
      now >= this.leasedUntil
    );
  }

  /** Claim under a lease (committed), plan, then store in a transaction. */
  private async leasedRound(
    limit: number,
    now: number,
    handOff: DeliveryHandOff | undefined,
  ): Promise<StoredRound> {
    const claimed = await this.store.claim(limit, now, this.options.leaseMs);
    if (claimed.length === 0) return EMPTY_ROUND;
    const plan = await this.planner.planAll(
      claimed,
      await this.store.webhooksOf(claimed),
    );
    if (plan.done.length === 0) return roundOf(claimed.length, plan, []);
    try {
      const handed = await this.writer.write(
        plan.deliveries,
        plan.done,
        now,
        handOff,
      );
      return roundOf(claimed.length, plan, handed);
    } catch (error) {
      if (plan.done.length === 1) throw error;
      this.logger.warn(
        `Storing the deliveries of ${plan.done.length} events failed ` +
          `(${errorMessage(error)}); storing them event by event`,
      );
    }
    return roundOf(claimed.length, await this.storeOneByOne(plan, now), []);
  }

  /**
   * After a round's store failed: each event's deliveries in a transaction
   * of their own (none handed over), so an event whose deliveries can never
   * be stored (a database limit, a host's trigger) waits under its lease
   * alone instead of holding back the events claimed with it.
   */
  private async storeOneByOne(
    plan: FanOutPlan,
    now: number,
  ): Promise<FanOutPlan> {
    const byEvent = groupBy(plan.deliveries, (d) => d.eventUuid);
    const stored: FanOutPlan = {
      deliveries: [],
      done: [],
      failed: [...plan.failed],
    };
    for (const uuid of plan.done) {
      const own = byEvent.get(uuid) ?? [];
      try {
        await this.writer.write(own, [uuid], now);
        stored.done.push(uuid);
        for (const delivery of own) stored.deliveries.push(delivery);
      } catch (error) {
        stored.failed.push(uuid);
        this.logger.warn(
          `Event ${uuid}: its deliveries could not be stored, retried ` +
            `after ${this.options.leaseMs} ms: ${errorMessage(error)}`,
        );
      }
    }
    return stored;
  }

  /**
   * Claim, plan and store in `manager`'s transaction. Events it could not
   * fan out are put back under a lease, as if claimed on the leased path.
   */
  private async oneTransactionRound(
    limit: number,
    now: number,
    handOff: DeliveryHandOff | undefined,
    manager: EntityManager | undefined,
  ): Promise<StoredRound> {
    const claimed = await this.store.claimInTransaction(limit, now, manager);
    if (claimed.length === 0) return EMPTY_ROUND;
    const plan = await this.planner.planAll(
      claimed,
      await this.store.webhooksOf(claimed, manager),
    );
    if (plan.failed.length > 0) {
      await this.store.leaseAgain(
        plan.failed,
        now + this.options.leaseMs,
        manager,
      );
    }
    const handed =
      plan.done.length > 0
        ? await this.writer.write(
            plan.deliveries,
            this.store.marksOnClaim ? [] : plan.done,
            now,
            handOff,
            manager,
          )
        : [];
    return roundOf(claimed.length, plan, handed);
  }

  /**
   * Renders the body a webhook would receive for a synthetic event of its
   * topic (for "send test event"). Nothing is stored.
   */
  renderTestDelivery(
    webhook: TestDeliveryWebhook,
  ): Promise<RenderedTestDelivery> {
    return this.planner.renderTestDelivery(webhook);
  }
}

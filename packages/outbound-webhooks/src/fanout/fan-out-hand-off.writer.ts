import type { EntityManager } from 'typeorm';
import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import { newLeaseOwner } from '../persistence/lease-owner';
import type { DeliveryHandOff } from './delivery-hand-off.interface';
import type { PlannedDelivery } from './delivery-insert.params';
import type { FanOutEventStore } from './fan-out-event.store';

/**
 * Stores a fan-out round's deliveries and hands as many as the dispatcher
 * has room for straight to it. Those are inserted already leased to it, so
 * no other process claims them and no claim has to read their bodies back;
 * the dispatcher checks their webhooks as after a claim. The rest are
 * inserted due now and claimed as usual.
 */
export class FanOutHandOffWriter {
  constructor(
    private readonly store: FanOutEventStore,
    private readonly leaseMs: number,
  ) {}

  /**
   * Inserts `deliveries` and marks `eventUuids` fanned out (in `manager`'s
   * transaction when given), then returns those leased to the dispatcher:
   * the caller hands them over (`DeliveryHandOff.accept`) once they are
   * committed.
   */
  async write(
    deliveries: PlannedDelivery[],
    eventUuids: string[],
    now: number,
    handOff?: DeliveryHandOff,
    manager?: EntityManager,
  ): Promise<ClaimedDelivery[]> {
    const room = handOff && this.store.insertsLeased ? handOff.room : 0;
    if (!handOff || room <= 0 || deliveries.length === 0) {
      await this.store.store(deliveries, eventUuids, now, undefined, manager);
      return [];
    }
    const candidates = deliveries.slice(0, room);
    for (const d of candidates) d.leased = true;
    const lease = {
      owner: newLeaseOwner(),
      expiresAt: Date.now() + this.leaseMs,
    };
    const inserted = await this.store.store(
      deliveries,
      eventUuids,
      now,
      lease,
      manager,
    );
    const claimed: ClaimedDelivery[] = [];
    for (const d of candidates) {
      if (!inserted.has(d.uuid)) continue;
      claimed.push({
        uuid: d.uuid,
        companyUuid: d.companyUuid,
        webhookUuid: d.webhookUuid,
        eventUuid: d.eventUuid,
        topic: d.topic,
        body: d.body,
        attemptCount: 0,
        leaseOwner: lease.owner,
        leaseExpiresAt: lease.expiresAt,
      });
    }
    return claimed;
  }
}

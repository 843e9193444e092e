import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';
import type { WebhookEntity } from '../entities/webhook.entity';
import { newLeaseOwner } from '../persistence/lease-owner';
import type { DeliveryHandOff } from './delivery-hand-off.interface';
import type { FanOutEventStore, PlannedDelivery } from './fan-out-event.store';

/** The webhook may receive deliveries now (the claim path checks the same). */
function sendable(webhook: WebhookEntity | undefined): boolean {
  return (
    webhook !== undefined && webhook.status === 'ACTIVE' && webhook.enabled
  );
}

/**
 * Stores a fan-out round's deliveries and hands as many as the dispatcher
 * has room for straight to it. Those are inserted already leased to it, so
 * no other process claims them and no claim has to read their bodies back;
 * their webhooks are read again just before, so the dispatcher sends with
 * the current URL and secrets, as after a claim. The rest are inserted due
 * now and claimed as usual.
 */
export class FanOutHandOffWriter {
  constructor(
    private readonly store: FanOutEventStore,
    private readonly leaseMs: number,
  ) {}

  /** Inserts `deliveries`, marks `eventUuids` fanned out, hands over. */
  async write(
    deliveries: PlannedDelivery[],
    eventUuids: string[],
    now: number,
    handOff?: DeliveryHandOff,
  ): Promise<void> {
    const room = handOff && this.store.insertsLeased ? handOff.room() : 0;
    if (!handOff || room <= 0 || deliveries.length === 0) {
      await this.store.store(deliveries, eventUuids, now);
      return;
    }
    const candidates = deliveries.slice(0, room);
    const webhooks = await this.store.currentWebhooks(
      candidates.map((d) => d.webhookUuid),
    );
    const checkedAt = Date.now();
    for (const d of candidates)
      d.leased = sendable(webhooks.get(d.webhookUuid));
    const lease = {
      owner: newLeaseOwner(),
      expiresAt: checkedAt + this.leaseMs,
    };
    const inserted = await this.store.store(deliveries, eventUuids, now, lease);
    const prepared: PreparedDelivery[] = [];
    for (const d of candidates) {
      if (!inserted.has(d.uuid)) continue;
      prepared.push({
        delivery: {
          uuid: d.uuid,
          companyUuid: d.companyUuid,
          webhookUuid: d.webhookUuid,
          eventUuid: d.eventUuid,
          topic: d.topic,
          body: d.body,
          attemptCount: 0,
          leaseOwner: lease.owner,
          leaseExpiresAt: lease.expiresAt,
        },
        webhook: webhooks.get(d.webhookUuid)!,
      });
    }
    if (prepared.length > 0) handOff.accept(prepared, checkedAt);
  }
}

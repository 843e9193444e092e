import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';

/** A claimed delivery waiting for a slot, and when its webhook was checked. */
export interface ReadyDelivery {
  prepared: PreparedDelivery;
  /** Epoch ms of the webhook check that let it through. */
  checkedAt: number;
}

/**
 * The dispatcher's claimed-and-checked deliveries, first in first out. An
 * array with a moving head: taking is O(1) and the consumed part is cut off
 * in chunks, not one `shift()` per delivery.
 */
export class ReadyQueue {
  private items: ReadyDelivery[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /** Queues a claimed batch, all checked at `checkedAt`. */
  push(prepared: readonly PreparedDelivery[], checkedAt: number): void {
    for (const item of prepared) this.items.push({ prepared: item, checkedAt });
  }

  /** The oldest waiting delivery, or undefined when none waits. */
  take(): ReadyDelivery | undefined {
    if (this.head >= this.items.length) return undefined;
    const next = this.items[this.head++];
    if (this.head > 1024 || this.head >= this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return next;
  }

  /**
   * The oldest delivery that may start now, or undefined. Ones passed over
   * go to `stale`: their lease has less than `minLeaseLeftMs` left (another
   * dispatcher may take it once it ends, and two must never send it at
   * once), or their webhook check is older than `maxAgeMs`.
   */
  takeStartable(
    now: number,
    minLeaseLeftMs: number,
    maxAgeMs: number,
    stale: PreparedDelivery[],
  ): PreparedDelivery | undefined {
    for (let next = this.take(); next; next = this.take()) {
      const { prepared, checkedAt } = next;
      if (
        prepared.delivery.leaseExpiresAt - now >= minLeaseLeftMs &&
        now - checkedAt <= maxAgeMs
      ) {
        return prepared;
      }
      stale.push(prepared);
    }
    return undefined;
  }

  /** Empties the queue and returns what waited. */
  drain(): PreparedDelivery[] {
    const waiting = this.items.slice(this.head).map((r) => r.prepared);
    this.items = [];
    this.head = 0;
    return waiting;
  }
}

import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';

/**
 * The running dispatcher's side of the fan-out: fresh deliveries it can
 * start soon are inserted already leased to it and handed over in memory,
 * instead of being read back from the database by a claim.
 */
export interface DeliveryHandOff {
  /** How many fresh deliveries it takes now; 0 while its queue is full. */
  room(): number;
  /**
   * Sets aside room for up to `wanted` fresh deliveries and returns how
   * many (0 when full), so two fan-out rounds never both take the same
   * room. Every reservation is given back with `release` once `accept`
   * has settled, or instead of it.
   */
  reserve(wanted: number): number;
  release(reserved: number): void;
  /**
   * Takes leased, committed deliveries as if it had just claimed them: it
   * checks their webhooks, then sends them or hands them back. Resolves
   * once they are queued (or handed back); never rejects.
   */
  accept(claimed: ClaimedDelivery[]): Promise<void>;
}

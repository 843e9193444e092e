import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';

/**
 * Where one fan-out round hands its fresh deliveries: up to `room` of them
 * are inserted already leased to the running dispatcher and handed over in
 * memory, instead of being read back from the database by a claim.
 */
export interface DeliveryHandOff {
  /** How many of the round's deliveries it takes. */
  readonly room: number;
  /**
   * Takes leased, committed deliveries as if it had just claimed them: it
   * checks their webhooks, then sends them or hands them back. Resolves
   * once they are queued (or handed back); never rejects.
   */
  accept(claimed: ClaimedDelivery[]): Promise<void>;
}

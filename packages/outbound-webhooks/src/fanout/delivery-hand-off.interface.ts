import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';

/**
 * The running dispatcher's side of the fan-out: fresh deliveries it can
 * start soon are inserted already leased to it and handed over in memory,
 * instead of being read back from the database by a claim.
 */
export interface DeliveryHandOff {
  /** How many fresh deliveries it takes now; 0 while its queue is full. */
  room(): number;
  /**
   * Takes leased, committed deliveries whose webhooks were read at
   * `checkedAt` (epoch ms); it sends them or hands them back.
   */
  accept(prepared: PreparedDelivery[], checkedAt: number): void;
}

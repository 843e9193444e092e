import type { DeliveryHandOff } from '../fanout/delivery-hand-off.interface';

/**
 * The running dispatcher as the fan-out loop sees it: each round reserves
 * room for the deliveries it is about to make, hands them over, and gives
 * the reservation back when done, so two rounds never count on the same
 * room.
 */
export interface FreshDeliverySink extends Pick<DeliveryHandOff, 'accept'> {
  /**
   * Sets aside room for up to `wanted` fresh deliveries and returns how
   * many; 0 when too little is free to be worth a round.
   */
  reserve(wanted: number): number;
  /** Gives back a reservation, after the round's hand-over settled. */
  release(reserved: number): void;
}

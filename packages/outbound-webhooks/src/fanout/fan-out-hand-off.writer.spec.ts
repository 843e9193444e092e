import type { DeliveryHandOff } from './delivery-hand-off.interface';
import type { PlannedDelivery } from './delivery-insert.params';
import type { FanOutEventStore } from './fan-out-event.store';
import { FanOutHandOffWriter } from './fan-out-hand-off.writer';

function planned(count: number): PlannedDelivery[] {
  return Array.from({ length: count }, (_, i) => ({
    uuid: `d${i}`,
    companyUuid: 'c',
    webhookUuid: 'w',
    eventUuid: `e${i}`,
    topic: 'record.candidate.created',
    body: '{}',
  }));
}

/**
 * A dispatcher stand-in with room for 3. The writer only returns what to
 * hand over (the caller accepts it after the commit), so `accept` is never
 * its business.
 */
function handOff(): DeliveryHandOff {
  return {
    room: 3,
    accept: () => Promise.reject(new Error('the writer never accepts')),
  };
}

/** A store that inserts every row and reports the leased ones. */
function leasingStore(): FanOutEventStore {
  return {
    insertsLeased: true,
    store: jest.fn(
      async (deliveries: PlannedDelivery[]) =>
        new Set(deliveries.filter((d) => d.leased).map((d) => d.uuid)),
    ),
  } as unknown as FanOutEventStore;
}

describe('FanOutHandOffWriter', () => {
  it('inserts all, leased as many as there is room for, and returns those to hand over', async () => {
    const store = leasingStore();
    const deliveries = planned(5);

    const handed = await new FanOutHandOffWriter(store, 60_000).write(
      deliveries,
      ['e'],
      Date.now(),
      handOff(),
    );

    expect(store.store).toHaveBeenCalledTimes(1);
    expect(deliveries.map((d) => d.leased === true)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(handed.map((d) => d.uuid)).toEqual(['d0', 'd1', 'd2']);
    expect(new Set(handed.map((d) => d.leaseOwner)).size).toBe(1);
  });

  it('returns nothing to hand over when the insert fails', async () => {
    const store = {
      insertsLeased: true,
      store: jest.fn(async () => {
        throw new Error('connection lost');
      }),
    } as unknown as FanOutEventStore;

    await expect(
      new FanOutHandOffWriter(store, 60_000).write(
        planned(2),
        ['e'],
        Date.now(),
        handOff(),
      ),
    ).rejects.toThrow('connection lost');
  });

  it('hands nothing over where inserts cannot be leased', async () => {
    const store = {
      insertsLeased: false,
      store: jest.fn(async () => new Set<string>()),
    } as unknown as FanOutEventStore;
    const deliveries = planned(2);

    const handed = await new FanOutHandOffWriter(store, 60_000).write(
      deliveries,
      ['e'],
      Date.now(),
      handOff(),
    );

    expect(handed).toEqual([]);
    expect(deliveries.some((d) => d.leased)).toBe(false);
    expect(store.store).toHaveBeenCalledTimes(1);
  });
});

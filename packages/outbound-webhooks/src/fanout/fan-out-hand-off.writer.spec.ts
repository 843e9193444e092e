import type { DeliveryHandOff } from './delivery-hand-off.interface';
import type { FanOutEventStore, PlannedDelivery } from './fan-out-event.store';
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

/** A dispatcher stand-in with room for 3 that records what it took. */
function handOff() {
  const accepted: string[] = [];
  const subject: DeliveryHandOff = {
    room: 3,
    accept: async (claimed) => {
      accepted.push(...claimed.map((c) => c.uuid));
    },
  };
  return { subject, accepted };
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
  it('inserts all, leased as many as there is room for, and hands those over', async () => {
    const store = leasingStore();
    const { subject, accepted } = handOff();
    const deliveries = planned(5);

    await new FanOutHandOffWriter(store, 60_000).write(
      deliveries,
      ['e'],
      Date.now(),
      subject,
    );

    expect(store.store).toHaveBeenCalledTimes(1);
    expect(deliveries.map((d) => d.leased === true)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(accepted).toEqual(['d0', 'd1', 'd2']);
  });

  it('hands nothing over when the insert fails', async () => {
    const store = {
      insertsLeased: true,
      store: jest.fn(async () => {
        throw new Error('connection lost');
      }),
    } as unknown as FanOutEventStore;
    const { subject, accepted } = handOff();

    await expect(
      new FanOutHandOffWriter(store, 60_000).write(
        planned(2),
        ['e'],
        Date.now(),
        subject,
      ),
    ).rejects.toThrow('connection lost');

    expect(accepted).toEqual([]);
  });

  it('hands nothing over where inserts cannot be leased', async () => {
    const store = {
      insertsLeased: false,
      store: jest.fn(async () => new Set<string>()),
    } as unknown as FanOutEventStore;
    const { subject, accepted } = handOff();
    const deliveries = planned(2);

    await new FanOutHandOffWriter(store, 60_000).write(
      deliveries,
      ['e'],
      Date.now(),
      subject,
    );

    expect(accepted).toEqual([]);
    expect(deliveries.some((d) => d.leased)).toBe(false);
    expect(store.store).toHaveBeenCalledTimes(1);
  });
});

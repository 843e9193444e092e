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

/** A dispatcher stand-in with room for 3 that records what it was given. */
function handOff() {
  const calls: string[] = [];
  let reserved = 0;
  const subject: DeliveryHandOff = {
    room: () => 3 - reserved,
    reserve: (wanted) => {
      const granted = Math.min(wanted, 3 - reserved);
      reserved += granted;
      calls.push(`reserve ${granted}`);
      return granted;
    },
    release: (n) => {
      reserved -= n;
      calls.push(`release ${n}`);
    },
    accept: async (claimed) => {
      calls.push(`accept ${claimed.length}`);
    },
  };
  return { subject, calls, reserved: () => reserved };
}

describe('FanOutHandOffWriter', () => {
  it('hands over what it reserved, then gives the reservation back', async () => {
    const store = {
      insertsLeased: true,
      store: jest.fn(
        async (deliveries: PlannedDelivery[]) =>
          new Set(deliveries.filter((d) => d.leased).map((d) => d.uuid)),
      ),
    } as unknown as FanOutEventStore;
    const { subject, calls, reserved } = handOff();

    await new FanOutHandOffWriter(store, 60_000).write(
      planned(5),
      ['e'],
      Date.now(),
      subject,
    );

    expect(calls).toEqual(['reserve 3', 'accept 3', 'release 3']);
    expect(reserved()).toBe(0);
  });

  it('gives the reservation back when the insert fails', async () => {
    const store = {
      insertsLeased: true,
      store: jest.fn(async () => {
        throw new Error('connection lost');
      }),
    } as unknown as FanOutEventStore;
    const { subject, calls, reserved } = handOff();

    await expect(
      new FanOutHandOffWriter(store, 60_000).write(
        planned(2),
        ['e'],
        Date.now(),
        subject,
      ),
    ).rejects.toThrow('connection lost');

    expect(calls).toEqual(['reserve 2', 'release 2']);
    expect(reserved()).toBe(0);
  });

  it('reserves nothing where inserts cannot be leased', async () => {
    const store = {
      insertsLeased: false,
      store: jest.fn(async () => new Set<string>()),
    } as unknown as FanOutEventStore;
    const { subject, calls } = handOff();

    await new FanOutHandOffWriter(store, 60_000).write(
      planned(2),
      ['e'],
      Date.now(),
      subject,
    );

    expect(calls).toEqual([]);
    expect(store.store).toHaveBeenCalledTimes(1);
  });
});

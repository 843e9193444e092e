import { Logger } from '@nestjs/common';
import type {
  FanOutRound,
  WebhookFanOutService,
} from '../fanout/webhook-fan-out.service';
import type { DeliveryHandOff } from '../fanout/delivery-hand-off.interface';
import { FanOutLoop } from './fan-out.loop';
import type { FreshDeliverySink } from './fresh-delivery-sink.interface';

/**
 * A fan-out whose rounds end when the test says, each completing the
 * number of events it is given (or failing with an error).
 */
function pendingFanOut(deliveriesPerEvent = 1) {
  const rounds: ((done: number | Error | FanOutRound) => void)[] = [];
  const calls: { limit: number; handOff?: DeliveryHandOff }[] = [];
  const fanOut = {
    fanOutRound: (limit: number, handOff?: DeliveryHandOff) => {
      calls.push({ limit, handOff });
      return new Promise<FanOutRound>((resolve, reject) =>
        rounds.push((done) =>
          done instanceof Error
            ? reject(done)
            : typeof done === 'number'
              ? resolve({
                  claimed: done,
                  events: done,
                  deliveries: done * deliveriesPerEvent,
                })
              : resolve(done),
        ),
      );
    },
  } as unknown as WebhookFanOutService;
  const settle = () => new Promise((r) => setImmediate(r));
  return { fanOut, rounds, calls, settle };
}

/** A dispatcher with `free` room; `reserved` is what rounds hold. */
function sink(free: number) {
  const state = { free, reserved: 0 };
  const subject: FreshDeliverySink = {
    reserve: (wanted) => {
      const granted = Math.max(
        0,
        Math.min(wanted, state.free - state.reserved),
      );
      state.reserved += granted;
      return granted;
    },
    release: (n) => {
      state.reserved -= n;
    },
    accept: async () => undefined,
  };
  return { subject, state };
}

/** A loop over `fanOut` rounds of `batchSize`, with `sink` if given. */
function loopOf(
  fanOut: WebhookFanOutService,
  batchSize: number,
  sink?: FreshDeliverySink,
): FanOutLoop {
  return new FanOutLoop(
    fanOut,
    batchSize,
    () => undefined,
    new Logger('test'),
    sink,
  );
}

describe('FanOutLoop', () => {
  it('runs one round for a kick while nothing more is due', async () => {
    const { fanOut, rounds, settle } = pendingFanOut();
    const fannedOut = jest.fn();
    const loop = new FanOutLoop(fanOut, 10, fannedOut, new Logger('test'));
    loop.kick();
    loop.kick();
    await settle();
    expect(rounds).toHaveLength(1);
    rounds[0](3);
    await settle();
    // The second kick asked for one more round after the first.
    expect(rounds).toHaveLength(2);
    rounds[1](0);
    await settle();
    expect(rounds).toHaveLength(2);
    expect(fannedOut).toHaveBeenCalledTimes(1);
    await loop.stop();
  });

  it('overlaps two rounds, never more, while full batches come back', async () => {
    const { fanOut, rounds, settle } = pendingFanOut();
    const loop = loopOf(fanOut, 10);
    let ended = 0;
    const inFlight = () => rounds.length - ended;
    loop.kick();
    await settle();
    expect(inFlight()).toBe(1);
    rounds[0](10);
    ended++;
    await settle();
    // The first lane goes on and the second starts beside it.
    expect(inFlight()).toBe(2);
    for (let i = 0; i < 10; i++) {
      rounds[ended](10);
      ended++;
      await settle();
      expect(inFlight()).toBe(2);
    }
    // Once batches come back short, both lanes stop.
    while (inFlight() > 0) {
      rounds[ended](2);
      ended++;
      await settle();
    }
    expect(rounds).toHaveLength(ended);
    loop.kick();
    await settle();
    expect(inFlight()).toBe(1);
    rounds[ended](0);
    await loop.stop();
  });

  it('starts no round while the dispatcher has no room, and says so', async () => {
    const { fanOut, rounds, settle } = pendingFanOut();
    const { subject, state } = sink(0);
    const loop = loopOf(fanOut, 10, subject);
    loop.kick();
    await settle();
    expect(rounds).toHaveLength(0);
    expect(loop.waitingForRoom).toBe(true);
    state.free = 5;
    loop.kick();
    await settle();
    expect(rounds).toHaveLength(1);
    expect(loop.waitingForRoom).toBe(false);
    rounds[0](0);
    await loop.stop();
  });

  it('takes only the events it has room for and holds that room until the round ends', async () => {
    const { fanOut, rounds, calls, settle } = pendingFanOut();
    const { subject, state } = sink(4);
    const loop = loopOf(fanOut, 10, subject);
    loop.kick();
    await settle();
    expect(calls[0].limit).toBe(4);
    expect(calls[0].handOff?.room).toBe(4);
    expect(state.reserved).toBe(4);
    // A full round gives its room back and kicks the other lane, which
    // takes it; the first then finds none left and waits.
    rounds[0](4);
    await settle();
    expect(rounds).toHaveLength(2);
    expect(calls[1].limit).toBe(4);
    expect(loop.waitingForRoom).toBe(true);
    rounds[1](1);
    await settle();
    expect(state.reserved).toBe(0);
    await loop.stop();
  });

  it('takes fewer events once they make several deliveries each', async () => {
    const { fanOut, rounds, calls, settle } = pendingFanOut(10);
    const { subject } = sink(500);
    const loop = loopOf(fanOut, 500, subject);
    loop.kick();
    await settle();
    // Nothing known yet: one delivery per event.
    expect(calls[0].limit).toBe(500);
    rounds[0](20);
    await settle();
    loop.kick();
    await settle();
    // Half-way to 10 per event (5.5): 90 events for a room of 500.
    expect(calls[1].limit).toBe(90);
    rounds[1](30);
    await settle();
    loop.kick();
    await settle();
    // 5.5 + (10 - 5.5) / 2 = 7.75: 64 events.
    expect(calls[2].limit).toBe(64);
    expect(calls[2].handOff?.room).toBe(500);
    rounds[2](0);
    await loop.stop();
  });

  it('goes on after a full claim whose events could not be fanned out yet', async () => {
    const { fanOut, rounds, settle } = pendingFanOut();
    const loop = loopOf(fanOut, 10);
    loop.kick();
    await settle();
    // All 10 claimed events failed (they wait out their lease): more may
    // still be due behind them.
    rounds[0]({ claimed: 10, events: 0, deliveries: 0 });
    await settle();
    expect(rounds).toHaveLength(3);
    rounds[1](0);
    rounds[2](0);
    await loop.stop();
  });

  it('gives the room back when a round fails', async () => {
    const { fanOut, rounds, settle } = pendingFanOut();
    const { subject, state } = sink(10);
    const logger = new Logger('t');
    const logged = jest.spyOn(logger, 'error').mockImplementation();
    const loop = new FanOutLoop(fanOut, 10, () => undefined, logger, subject);
    loop.kick();
    await settle();
    expect(state.reserved).toBe(10);
    rounds[0](new Error('connection lost'));
    await settle();
    expect(state.reserved).toBe(0);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('connection lost'),
    );
    await loop.stop();
  });
});

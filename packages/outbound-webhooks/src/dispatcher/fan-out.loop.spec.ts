import { Logger } from '@nestjs/common';
import type { WebhookFanOutService } from '../fanout/webhook-fan-out.service';
import { FanOutLoop } from './fan-out.loop';

/**
 * A fan-out whose rounds end when the test says, each completing the
 * number of events it is given.
 */
function pendingFanOut() {
  const rounds: ((done: number) => void)[] = [];
  const fanOut = {
    fanOutPending: () => new Promise<number>((resolve) => rounds.push(resolve)),
  } as unknown as WebhookFanOutService;
  const settle = () => new Promise((r) => setImmediate(r));
  return { fanOut, rounds, settle };
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
    const loop = new FanOutLoop(fanOut, 10, () => undefined, new Logger('t'));
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
    let room = 0;
    const loop = new FanOutLoop(fanOut, 10, () => undefined, new Logger('t'), {
      room: () => room,
      reserve: () => 0,
      release: () => undefined,
      accept: async () => undefined,
    });
    loop.kick();
    await settle();
    expect(rounds).toHaveLength(0);
    expect(loop.waitingForRoom).toBe(true);
    room = 5;
    loop.kick();
    await settle();
    expect(rounds).toHaveLength(1);
    expect(loop.waitingForRoom).toBe(false);
    rounds[0](0);
    await loop.stop();
  });
});

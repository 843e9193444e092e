import { SerialRunner } from './serial.runner';

const unexpected = (error: unknown) => {
  throw error;
};

describe('SerialRunner', () => {
  it('never runs two rounds at once and folds asks made meanwhile into one', async () => {
    let running = 0;
    let most = 0;
    let rounds = 0;
    let release!: () => void;
    let second!: () => void;
    const secondDone = new Promise<void>((resolve) => (second = resolve));
    const runner = new SerialRunner(async () => {
      rounds += 1;
      if (rounds === 2) second();
      running += 1;
      most = Math.max(most, running);
      if (rounds === 1) await new Promise<void>((r) => (release = r));
      running -= 1;
      return false;
    }, unexpected);
    runner.request();
    runner.request();
    runner.request();
    release();
    await secondDone;
    await runner.stop();
    expect(most).toBe(1);
    expect(rounds).toBe(2);
  });

  it('runs again while a round asks for it, reporting errors without rejecting', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const runner = new SerialRunner(
      () => {
        rounds += 1;
        if (rounds === 2) return Promise.reject(new Error('boom'));
        if (rounds === 4) finished();
        return Promise.resolve(rounds < 4);
      },
      (error) => errors.push(error),
    );
    runner.request();
    // Round 1 asked for round 2, which failed: nothing asks for more...
    await new Promise((resolve) => setImmediate(resolve));
    expect(rounds).toBe(2);
    expect(errors).toEqual([new Error('boom')]);
    // ...until a new ask: round 3 asks for round 4, the last.
    runner.request();
    await done;
    await runner.stop();
    expect(rounds).toBe(4);
  });
});

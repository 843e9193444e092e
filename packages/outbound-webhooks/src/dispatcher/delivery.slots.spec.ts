import { Logger } from '@nestjs/common';
import type { DeliveryAttemptRunner } from '../delivery/delivery-attempt.runner';
import type { DeliveryOutcomeRecorder } from '../delivery/delivery-outcome.recorder';
import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import type { WebhookDeliveryRepository } from '../persistence/webhook-delivery.repository';
import { DeliverySlots } from './delivery.slots';

const options = {
  batchSize: 500,
  concurrency: 8,
  leaseMs: 60_000,
  requestTimeoutMs: 10_000,
  shutdownTimeoutMs: 1_000,
} as ResolvedWebhooksOptions;

function prepared(count: number): PreparedDelivery[] {
  return Array.from(
    { length: count },
    (_, i) =>
      ({
        delivery: { uuid: `d${i}`, leaseExpiresAt: Date.now() + 60_000 },
      }) as unknown as PreparedDelivery,
  );
}

/** Slots whose attempts end when `finish` is called, in start order. */
function slots() {
  const running: (() => void)[] = [];
  const runner = {
    attempt: () =>
      new Promise((resolve) => running.push(() => resolve({ verdict: 'X' }))),
  } as unknown as DeliveryAttemptRunner;
  const recorder = {
    enqueue: () => undefined,
  } as unknown as DeliveryOutcomeRecorder;
  const repository = {
    releaseClaims: jest.fn(async () => undefined),
  } as unknown as WebhookDeliveryRepository;
  const subject = new DeliverySlots(
    options,
    runner,
    recorder,
    repository,
    new Logger('test'),
    () => undefined,
    () => undefined,
  );
  /** Ends `count` attempts, oldest first, letting queued ones start. */
  const finish = async (count: number) => {
    for (let left = count; left > 0;) {
      const ending = running.splice(0, left);
      left -= ending.length;
      for (const done of ending) done();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { subject, finish };
}

describe('DeliverySlots.claimLimit', () => {
  // The clock stands still, so every start falls in one window.
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    jest.setSystemTime(1_000_000);
  });
  afterEach(() => jest.useRealTimers());

  it('claims `concurrency` ahead before any delivery has started', () => {
    expect(slots().subject.claimLimit()).toBe(8);
  });

  it('claims about what starts in half the ready age, less what waits', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(120));
    await finish(100);
    // 108 started in this window (8 at once, then one per finished
    // attempt); 12 still wait: floor(108 / 2) - 12.
    expect(subject.running).toBe(8);
    expect(subject.waiting).toBe(12);
    expect(subject.claimLimit()).toBe(42);
  });

  it('never claims more than `batchSize`', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(2_000));
    await finish(1_990);
    expect(subject.waiting).toBe(2);
    expect(subject.claimLimit()).toBe(500);
  });
});

describe('DeliverySlots.lowOnReady', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    jest.setSystemTime(1_000_000);
  });
  afterEach(() => jest.useRealTimers());

  it('is low at `concurrency` waiting before any delivery has started', async () => {
    const { subject } = slots();
    await subject.queue(prepared(16));
    expect(subject.waiting).toBe(8);
    expect(subject.lowOnReady()).toBe(true);
    await subject.queue(prepared(1));
    expect(subject.lowOnReady()).toBe(false);
  });

  it('is low at what starts in a quarter of the ready age', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(150));
    await finish(92);
    // 100 started, 50 wait: floor(100 / 4) = 25 < 50.
    expect(subject.waiting).toBe(50);
    expect(subject.lowOnReady()).toBe(false);
    await finish(25);
    // 125 started, 25 wait: floor(125 / 4) = 31 >= 25.
    expect(subject.waiting).toBe(25);
    expect(subject.lowOnReady()).toBe(true);
  });
});

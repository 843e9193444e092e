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
  // Date.now and performance.now move only when a test advances them.
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    jest.setSystemTime(1_000_000);
  });
  afterEach(() => jest.useRealTimers());

  it('claims only for free slots before any attempt has ended', async () => {
    const { subject } = slots();
    expect(subject.claimLimit()).toBe(8);
    await subject.queue(prepared(5));
    expect(subject.claimLimit()).toBe(3);
    await subject.queue(prepared(3));
    expect(subject.claimLimit()).toBe(0);
  });

  it('claims what the slots start in half the ready age, less what waits', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(20));
    jest.advanceTimersByTime(10);
    await finish(8);
    // 8 slots, 10 ms each: 100 start in 125 ms; 4 of 20 still wait.
    expect(subject.running).toBe(8);
    expect(subject.waiting).toBe(4);
    expect(subject.claimLimit()).toBe(96);
  });

  it('never claims more than `batchSize`', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(8));
    jest.advanceTimersByTime(1);
    await finish(8);
    // 8 slots, 1 ms each: 1,000 start in 125 ms.
    expect(subject.claimLimit()).toBe(500);
  });

  it('keeps claiming whole batches after the slots idled for want of claims', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(8));
    jest.advanceTimersByTime(1);
    await finish(8);
    // A claim round trip of a whole second: the slots start nothing
    // meanwhile, which says nothing about how fast they could.
    jest.advanceTimersByTime(1_000);
    expect(subject.claimLimit()).toBe(500);
  });

  it('claims only what starts soon behind a slow receiver', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(8));
    jest.advanceTimersByTime(500);
    await finish(8);
    await subject.queue(prepared(8));
    // 8 slots, 500 ms each: 2 start in 125 ms; all 8 slots are busy again
    // and nothing waits.
    expect(subject.running).toBe(8);
    expect(subject.waiting).toBe(0);
    expect(subject.claimLimit()).toBe(2);
    await subject.queue(prepared(2));
    expect(subject.claimLimit()).toBe(0);
  });
});

describe('DeliverySlots.startableSoon', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    jest.setSystemTime(1_000_000);
  });
  afterEach(() => jest.useRealTimers());

  it('is what starts in half the ready age less what waits, beyond `batchSize`', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(8));
    jest.advanceTimersByTime(0.1);
    await finish(8);
    // 8 slots, 0.1 ms each: 10,000 start in 125 ms; a claim stops at 500.
    expect(subject.startableSoon()).toBe(10_000);
    expect(subject.claimLimit()).toBe(500);
  });

  it('shrinks as soon as busy slots stop freeing up, before any slow attempt ends', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(8));
    jest.advanceTimersByTime(1);
    await finish(8);
    await subject.queue(prepared(8));
    expect(subject.startableSoon()).toBe(1_000);
    // The receiver slowed down: no slot has changed hands for 500 ms, so
    // every running attempt takes at least that long.
    jest.advanceTimersByTime(500);
    expect(subject.startableSoon()).toBe(2);
    expect(subject.claimLimit()).toBe(2);
  });

  it('does not shrink for idle slots: they wait for claims, not the receiver', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(8));
    jest.advanceTimersByTime(1);
    await finish(8);
    await subject.queue(prepared(7));
    jest.advanceTimersByTime(500);
    expect(subject.startableSoon()).toBe(1_000);
  });
});

describe('DeliverySlots.lowOnReady', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    jest.setSystemTime(1_000_000);
  });
  afterEach(() => jest.useRealTimers());

  it('is low while nothing waits beyond the free slots before any attempt has ended', async () => {
    const { subject } = slots();
    expect(subject.lowOnReady()).toBe(true);
    await subject.queue(prepared(8));
    expect(subject.waiting).toBe(0);
    expect(subject.lowOnReady()).toBe(true);
    await subject.queue(prepared(1));
    expect(subject.lowOnReady()).toBe(false);
  });

  it('is low at what the slots start in a quarter of the ready age', async () => {
    const { subject, finish } = slots();
    await subject.queue(prepared(80));
    jest.advanceTimersByTime(10);
    await finish(8);
    // 8 slots, 10 ms each: 50 start in 62.5 ms; 64 wait.
    expect(subject.waiting).toBe(64);
    expect(subject.lowOnReady()).toBe(false);
    jest.advanceTimersByTime(10);
    await finish(8);
    jest.advanceTimersByTime(10);
    // Still 10 ms per attempt; 48 wait.
    await finish(8);
    expect(subject.waiting).toBe(48);
    expect(subject.lowOnReady()).toBe(true);
  });
});

import type { PreparedDelivery } from '../delivery/prepared-delivery.interface';
import { ReadyQueue } from './ready.queue';

function prepared(uuid: string): PreparedDelivery {
  return { delivery: { uuid } } as unknown as PreparedDelivery;
}

describe('ReadyQueue', () => {
  it('hands deliveries out first in, first out, with their check time', () => {
    const queue = new ReadyQueue();
    queue.push([prepared('a'), prepared('b')], 10);
    queue.push([prepared('c')], 20);
    expect(queue.size).toBe(3);
    expect(queue.take()).toEqual({ prepared: prepared('a'), checkedAt: 10 });
    expect(queue.take()?.prepared.delivery.uuid).toBe('b');
    expect(queue.take()).toEqual({ prepared: prepared('c'), checkedAt: 20 });
    expect(queue.take()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('keeps order across the compaction of a long run of takes', () => {
    const queue = new ReadyQueue();
    const uuids = Array.from({ length: 3000 }, (_, i) => `d${i}`);
    queue.push(uuids.slice(0, 2000).map(prepared), 1);
    const taken: string[] = [];
    for (let i = 0; i < 1500; i++)
      taken.push(queue.take()!.prepared.delivery.uuid);
    queue.push(uuids.slice(2000).map(prepared), 2);
    expect(queue.size).toBe(1500);
    for (let next = queue.take(); next; next = queue.take()) {
      taken.push(next.prepared.delivery.uuid);
    }
    expect(taken).toEqual(uuids);
  });

  it('drain returns what waited, in order, and leaves the queue empty', () => {
    const queue = new ReadyQueue();
    queue.push(['a', 'b', 'c'].map(prepared), 1);
    queue.take();
    expect(queue.drain().map((p) => p.delivery.uuid)).toEqual(['b', 'c']);
    expect(queue.size).toBe(0);
    expect(queue.take()).toBeUndefined();
  });

  it('takeStartable passes over short leases and old checks into stale', () => {
    const leased = (uuid: string, leaseExpiresAt: number) =>
      ({ delivery: { uuid, leaseExpiresAt } }) as unknown as PreparedDelivery;
    const queue = new ReadyQueue();
    queue.push([leased('short', 1_500), leased('ok', 5_000)], 900);
    queue.push([leased('old', 5_000)], 500);
    const stale: PreparedDelivery[] = [];
    const uuidOf = (p?: PreparedDelivery) => p?.delivery.uuid;
    // now 1000: 'short' has 500 ms of lease left, 1000 needed.
    expect(uuidOf(queue.takeStartable(1_000, 1_000, 250, stale))).toBe('ok');
    // 'old' was checked 500 ms ago, 250 allowed.
    expect(queue.takeStartable(1_000, 1_000, 250, stale)).toBeUndefined();
    expect(stale.map(uuidOf)).toEqual(['short', 'old']);
  });
});

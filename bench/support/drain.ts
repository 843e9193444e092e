import { ChildHandle } from './child.handle';
import type { ProcessUsage } from './ipc';
import type { ReceiverHandle } from './receiver.handle';
import { percentile, ratePerSecond } from './stats';

/** One measured line of the result table. */
export interface BenchResult {
  key: string;
  label: string;
  deliveries: number;
  /** Deliveries per second, first to last arrival at the receiver. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** Peak RSS of the (largest) worker process, bytes. */
  peakRssBytes: number;
  /** Worker CPU (user + system) per delivery while working, µs. */
  cpuMicrosPerDelivery: number;
  note?: string;
}

/** Forks a worker script of bench/workers with its JSON config. */
export function forkWorker(
  label: string,
  file: string,
  config: unknown,
  execArgv: string[] = [],
): ChildHandle {
  return new ChildHandle(
    label,
    `workers/${file}`,
    { BENCH_WORKER: JSON.stringify(config) },
    execArgv,
  );
}

function cpu(u: ProcessUsage): number {
  return u.cpuUserMicros + u.cpuSystemMicros;
}

/**
 * Runs workers until the receiver got `expected` requests: resets the
 * receiver, starts every worker, waits, stops them, and measures. A worker
 * that dies or errors fails the measurement.
 */
export async function drain(options: {
  key: string;
  label: string;
  receiver: ReceiverHandle;
  workers: ChildHandle[];
  expected: number;
  timeoutMs: number;
  /** Runs after the workers started (e.g. a publisher). */
  during?: () => Promise<void>;
  note?: string;
}): Promise<BenchResult> {
  const { receiver, workers, expected } = options;
  try {
    await receiver.reset();
    const before = await Promise.all(
      workers.map((w) => w.request<ProcessUsage>('usage')),
    );
    await Promise.all(workers.map((w) => w.request('start')));
    const waiting = receiver.waitFor(
      expected,
      options.timeoutMs,
      () => !workers.every((w) => w.alive),
    );
    if (options.during) await options.during();
    const stats = await waiting;
    const after = await Promise.all(
      workers.map((w) => w.request<ProcessUsage>('stop')),
    );
    const latencies = await receiver.latencies();
    const cpuMicros = after.reduce(
      (sum, u, i) => sum + cpu(u) - cpu(before[i]),
      0,
    );
    return {
      key: options.key,
      label: options.label,
      deliveries: stats.count,
      rate: ratePerSecond(stats.count, stats.firstAtMs, stats.lastAtMs),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      peakRssBytes: Math.max(...after.map((u) => u.peakRssBytes)),
      cpuMicrosPerDelivery: cpuMicros / stats.count,
      note: options.note,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

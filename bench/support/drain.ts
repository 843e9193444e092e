import { ChildHandle } from './child.handle';
import type { ProcessUsage } from './ipc';
import {
  CLOCK_TICKS_PER_SECOND,
  busyPercent,
  readMachineCpu,
  readStoreCpuTicks,
} from './machine-cpu';
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
  /** Receiver CPU over the measured span, percent of one core. */
  receiverCpuPercent: number;
  /** The whole machine's CPU busy while working, percent of all cores. */
  machineCpuPercent: number;
  /**
   * CPU of the local database and queue servers (PostgreSQL, MariaDB,
   * Redis) per delivery while working, µs; NaN where /proc is unreadable.
   */
  storeCpuMicrosPerDelivery: number;
  note?: string;
  /** The (first) module worker's RSS / heap MiB at 25/50/75/100 % of the run. */
  memory?: { rssMiB: number[]; heapMiB: number[]; liveHeapMiB: number | null };
}

/** What a worker's `stop` answers. */
interface WorkerUsage extends ProcessUsage {
  memory?: BenchResult['memory'];
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
    const receiverBefore = await receiver.stats();
    // Every worker boots before any starts, and CPU is counted from there:
    // one process's boot must not slow the others' work, nor count as it.
    await Promise.all(workers.map((w) => w.request('boot')));
    const before = await Promise.all(
      workers.map((w) => w.request<ProcessUsage>('usage')),
    );
    // The machine's CPU is read from the workers' start (their lifecycle
    // hooks, a few milliseconds) until the last delivery arrived.
    const machineBefore = readMachineCpu();
    const storeBefore = readStoreCpuTicks();
    await Promise.all(workers.map((w) => w.request('start')));
    const waiting = receiver.waitFor(
      expected,
      options.timeoutMs,
      () => !workers.every((w) => w.alive),
    );
    if (options.during) await options.during();
    const stats = await waiting;
    const machineCpuPercent = busyPercent(machineBefore, readMachineCpu());
    const storeAfter = readStoreCpuTicks();
    const after = await Promise.all(
      workers.map((w) => w.request<WorkerUsage>('stop')),
    );
    const memory = after[0].memory;
    const latencies = await receiver.latencies();
    const spanMs = stats.lastAtMs - stats.firstAtMs;
    const receiverCpu = cpu(stats) - cpu(receiverBefore);
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
      receiverCpuPercent: spanMs > 0 ? receiverCpu / (spanMs * 10) : NaN,
      machineCpuPercent,
      storeCpuMicrosPerDelivery:
        storeBefore === undefined || storeAfter === undefined
          ? NaN
          : ((storeAfter - storeBefore) * 1e6) /
            CLOCK_TICKS_PER_SECOND /
            stats.count,
      note: options.note,
      memory,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/**
 * The module under test: a host process running `WebhooksModule` with its
 * dispatcher on. `boot` builds it, `start` runs its lifecycle hooks (the
 * dispatcher begins polling), `publish`
 * publishes one event from this same process (idle latency), `stop` closes
 * the app gracefully and reports peak RSS and CPU.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { GCProfiler } from 'node:v8';
import type { BenchDatabaseLocation } from '../support/bench-database';
import { benchProperties } from '../support/bench-payload';
import { processUsage, serveIpc } from '../support/ipc';
import { ModuleHost } from '../support/module-host';

interface ModuleWorkerConfig {
  db: BenchDatabaseLocation;
  /** Write a CPU profile of the working phase (boot excluded) here. */
  cpuProfFile?: string;
  batchSize?: number;
  concurrency?: number;
  pollIntervalMs?: number;
}

const config = JSON.parse(process.env.BENCH_WORKER!) as ModuleWorkerConfig;
let host: ModuleHost | undefined;
let published = 0;
let profiler: Session | undefined;
/** RSS and V8 heap in use, sampled every 250 ms while working. */
const memorySamples: { rss: number; heap: number }[] = [];
let sampler: NodeJS.Timeout | undefined;
/**
 * V8 heap in use just after each full (mark-compact) collection while
 * working, as V8 itself reports it at the end of the collection: about the
 * live data, whatever garbage the collector lets pile up in between. The
 * profiler keeps every collection's statistics until stopped, so it is
 * read and replaced on each memory sample.
 */
let liveHeapMax = 0;
let gcProfiler: GCProfiler | undefined;

function readFullCollections(): void {
  const result = gcProfiler?.stop();
  gcProfiler = undefined;
  for (const gc of result?.statistics ?? []) {
    if (gc.gcType !== 'MarkSweepCompact') continue;
    liveHeapMax = Math.max(liveHeapMax, gc.afterGC.heapStatistics.usedHeapSize);
  }
}

function watchFullCollections(): void {
  readFullCollections();
  gcProfiler = new GCProfiler();
  gcProfiler.start();
}

/**
 * Statements sent, the milliseconds until they answered and the rows they
 * returned or changed, by kind.
 */
const queryCounts = new Map<
  string,
  { count: number; ms: number; rows: number }
>();

if (process.env.BENCH_COUNT_QUERIES) {
  // Diagnostics only: count and time PostgreSQL statements by their first
  // words, from the client's call to the answer: a wait in the client's
  // own queue counts, a wait for a connection from the pool does not.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text =
      typeof first === 'string' ? first : (first as { text?: string })?.text;
    const key = (text ?? '?').replace(/\s+/g, ' ').trim().slice(0, 60);
    const entry = queryCounts.get(key) ?? { count: 0, ms: 0, rows: 0 };
    queryCounts.set(key, entry);
    entry.count++;
    const started = performance.now();
    const answered = (result?: unknown): void => {
      entry.ms += performance.now() - started;
      entry.rows +=
        (result as { rowCount?: number } | undefined)?.rowCount ?? 0;
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, ...r: unknown[]) {
        answered(r[1]);
        return (last as (...a: unknown[]) => unknown).apply(this, r);
      };
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    }
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.then(answered, () => answered());
    return result;
  } as typeof original;
}

serveIpc({
  boot: async () => {
    host = await ModuleHost.boot(
      config.db,
      {
        dispatcherEnabled: true,
        batchSize: config.batchSize,
        concurrency: config.concurrency,
        pollIntervalMs: config.pollIntervalMs,
      },
      10,
    );
  },
  start: async () => {
    await host!.init();
    watchFullCollections();
    sampler = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      memorySamples.push({ rss, heap: heapUsed });
      watchFullCollections();
    }, 250);
    if (config.cpuProfFile) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    }
  },
  publish: async () => {
    await host!.publishCreated(benchProperties(published++));
  },
  stop: async () => {
    clearInterval(sampler);
    readFullCollections();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(config.cpuProfFile!, JSON.stringify(profile));
      profiler.disconnect();
    }
    await host?.close();
    if (queryCounts.size > 0) {
      const lines = [...queryCounts.entries()].sort(
        (a, b) => b[1].ms - a[1].ms,
      );
      process.stderr.write(
        lines
          .map(
            ([k, { count, ms, rows }]) =>
              `${String(count).padStart(7)} ` +
              `${ms.toFixed(0).padStart(8)} ms ` +
              `${String(rows).padStart(8)} rows  ${k}`,
          )
          .join('\n') + '\n',
      );
    }
    return { ...processUsage(), memory: quartiles() };
  },
});

/**
 * RSS / heap MiB at 25, 50, 75 and 100 % of the working phase, and the
 * most heap in use after a full collection (NaN when none ran).
 */
function quartiles(): {
  rssMiB: number[];
  heapMiB: number[];
  liveHeapMiB: number;
} {
  const at = [0.25, 0.5, 0.75, 1].map(
    (q) => memorySamples[Math.max(0, Math.ceil(q * memorySamples.length) - 1)],
  );
  const mib = (n?: number): number => Math.round((n ?? NaN) / 1048576);
  return {
    rssMiB: at.map((s) => mib(s?.rss)),
    heapMiB: at.map((s) => mib(s?.heap)),
    liveHeapMiB: liveHeapMax > 0 ? mib(liveHeapMax) : NaN,
  };
}

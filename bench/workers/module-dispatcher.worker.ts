/**
 * The module under test: a host process running `WebhooksModule` with its
 * dispatcher on. `boot` builds it, `start` runs its lifecycle hooks (the
 * dispatcher begins polling), `publish`
 * publishes one event from this same process (idle latency), `stop` closes
 * the app gracefully and reports peak RSS and CPU.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
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
const queryCounts = new Map<string, number>();

if (process.env.BENCH_COUNT_QUERIES) {
  // Diagnostics only: count PostgreSQL statements by their first words.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text =
      typeof first === 'string' ? first : (first as { text?: string })?.text;
    const key = (text ?? '?').replace(/\s+/g, ' ').trim().slice(0, 60);
    queryCounts.set(key, (queryCounts.get(key) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
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
    sampler = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      memorySamples.push({ rss, heap: heapUsed });
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
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(config.cpuProfFile!, JSON.stringify(profile));
      profiler.disconnect();
    }
    await host?.close();
    if (queryCounts.size > 0) {
      const lines = [...queryCounts.entries()].sort((a, b) => b[1] - a[1]);
      process.stderr.write(
        lines.map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n') +
          '\n',
      );
    }
    return { ...processUsage(), memory: quartiles() };
  },
});

/** RSS / heap MiB at 25, 50, 75 and 100 % of the working phase. */
function quartiles(): { rssMiB: number[]; heapMiB: number[] } {
  const at = [0.25, 0.5, 0.75, 1].map(
    (q) => memorySamples[Math.max(0, Math.ceil(q * memorySamples.length) - 1)],
  );
  const mib = (n?: number): number => Math.round((n ?? NaN) / 1048576);
  return {
    rssMiB: at.map((s) => mib(s?.rss)),
    heapMiB: at.map((s) => mib(s?.heap)),
  };
}

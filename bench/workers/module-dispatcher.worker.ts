/**
 * The module under test: a host process running `WebhooksModule` with its
 * dispatcher on. `start` boots it (the dispatcher begins polling), `publish`
 * publishes one event from this same process (idle latency), `stop` closes
 * the app gracefully and reports peak RSS and CPU.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { WebhookFanOutService } from 'nestjs-outbound-webhooks';
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
let stopping = false;
let fanOutLoop: Promise<void> | undefined;

/**
 * TODO(#8): the bench fans out itself while the dispatcher does not — remove
 * once `WebhookDispatcher` calls `fanOutPending` in its tick (issue 4).
 * Detected from the dispatcher's constructor dependencies.
 */
async function driveFanOutIfNeeded(h: ModuleHost): Promise<void> {
  // Not in the public barrel: loaded from the built package at run time.
  const { WebhookDispatcher } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('nestjs-outbound-webhooks/dist/dispatcher/webhook.dispatcher') as {
      WebhookDispatcher: new (...args: never[]) => { wake(): void };
    };
  const deps = (Reflect.getMetadata('design:paramtypes', WebhookDispatcher) ??
    []) as unknown[];
  if (deps.includes(WebhookFanOutService)) return;
  process.stderr.write(
    'bench: the dispatcher does not fan out yet; the bench calls fanOutPending\n',
  );
  const fanOut = h.app.get(WebhookFanOutService);
  const dispatcher = h.app.get(WebhookDispatcher);
  while (!stopping) {
    const n = await fanOut.fanOutPending(config.batchSize ?? 100);
    if (n > 0) dispatcher.wake();
    else await new Promise((r) => setTimeout(r, config.pollIntervalMs ?? 100));
  }
}
const queryCounts = new Map<string, number>();

if (process.env.BENCH_COUNT_QUERIES) {
  // Diagnostics only: count SQL statements by their first words.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text =
      typeof first === 'string' ? first : (first as { text?: string })?.text;
    const key = (text ?? '?').replace(/\s+/g, ' ').slice(0, 60);
    queryCounts.set(key, (queryCounts.get(key) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
}
let profiler: Session | undefined;

serveIpc({
  start: async () => {
    host = await ModuleHost.start(
      config.db,
      {
        dispatcherEnabled: true,
        batchSize: config.batchSize,
        concurrency: config.concurrency,
        pollIntervalMs: config.pollIntervalMs,
      },
      10,
    );
    fanOutLoop = driveFanOutIfNeeded(host);
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
    stopping = true;
    await fanOutLoop;
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
    return processUsage();
  },
});

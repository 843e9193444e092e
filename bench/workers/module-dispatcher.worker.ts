/**
 * The module under test: a host process running `WebhooksModule` with its
 * dispatcher on. `start` boots it (the dispatcher begins polling), `publish`
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
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(config.cpuProfFile!, JSON.stringify(profile));
      profiler.disconnect();
    }
    await host?.close();
    return processUsage();
  },
});

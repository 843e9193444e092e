/**
 * Baseline "pg-boss": one job per delivery (data = id + pre-rendered body),
 * `workers` polling loops fetching `batchSize` jobs each, POSTing the batch
 * in parallel; pg-boss completes the batch when the handler returns.
 */
import PgBoss from 'pg-boss';
import { Pool } from 'undici';
import { signedHeaders } from '../support/bench-payload';
import { processUsage, serveIpc } from '../support/ipc';
import type { HandJob } from './hand-loop.store';

interface PgBossConfig {
  pgUrl: string;
  queue: string;
  url: string;
  batchSize: number;
  workers: number;
  connections: number;
}

const config = JSON.parse(process.env.BENCH_WORKER!) as PgBossConfig;
const url = new URL(config.url);
const http = new Pool(url.origin, { connections: config.connections });
const boss = new PgBoss({
  connectionString: config.pgUrl,
  max: config.workers + 2,
  supervise: false,
  schedule: false,
  migrate: false,
});
boss.on('error', (error) => process.stderr.write(`pg-boss: ${error}\n`));

async function post(job: HandJob): Promise<void> {
  const res = await http.request({
    path: url.pathname,
    method: 'POST',
    headers: signedHeaders(job.id, job.body),
    body: job.body,
  });
  await res.body.dump();
  if (res.statusCode < 200 || res.statusCode > 299) {
    throw new Error(`status ${res.statusCode}`);
  }
}

serveIpc({
  boot: () => boss.start(),
  start: async () => {
    for (let i = 0; i < config.workers; i++) {
      await boss.work<HandJob>(
        config.queue,
        { batchSize: config.batchSize, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          await Promise.all(jobs.map((job) => post(job.data)));
        },
      );
    }
  },
  stop: async () => {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    await http.close();
    return processUsage();
  },
});

/**
 * Baseline "hand-written loop": what a team would write by hand on the same
 * database. `loops` concurrent loops each claim a batch with a lease, sign
 * and POST every job of it in parallel over one keep-alive undici Pool, and
 * mark the batch done in one statement. No retries bookkeeping, no attempts
 * table: the least work that still delivers at least once.
 */
import { Pool } from 'undici';
import type { BenchDatabaseLocation } from '../support/bench-database';
import { signedHeaders } from '../support/bench-payload';
import { processUsage, serveIpc } from '../support/ipc';
import { openHandJobStore } from './hand-loop.store';
import type { HandJob } from './hand-loop.store';

interface HandLoopConfig {
  db: BenchDatabaseLocation;
  url: string;
  batchSize: number;
  loops: number;
  connections: number;
}

const config = JSON.parse(process.env.BENCH_WORKER!) as HandLoopConfig;
const url = new URL(config.url);
const http = new Pool(url.origin, { connections: config.connections });
const store = openHandJobStore(config.db, config.loops + 1);
let stopping = false;
let running: Promise<unknown> | undefined;

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

async function loop(): Promise<void> {
  while (!stopping) {
    const now = Date.now();
    const jobs = await store.claim(config.batchSize, now, now + 60_000);
    if (jobs.length === 0) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    const results = await Promise.allSettled(jobs.map((job) => post(job)));
    const done = jobs.filter((_, i) => results[i].status === 'fulfilled');
    if (done.length > 0) await store.complete(done.map((job) => job.id));
  }
}

serveIpc({
  start: () => {
    running = Promise.all(Array.from({ length: config.loops }, () => loop()));
  },
  stop: async () => {
    stopping = true;
    await running;
    await store.close();
    await http.close();
    return processUsage();
  },
});

/**
 * Baseline "BullMQ": one job per delivery on the local Redis, one Worker
 * with `concurrency` jobs in flight, each signing and POSTing its body.
 */
import { Worker } from 'bullmq';
import { Pool } from 'undici';
import { signedHeaders } from '../support/bench-payload';
import { processUsage, serveIpc } from '../support/ipc';
import type { HandJob } from './hand-loop.store';

interface BullMqConfig {
  queue: string;
  url: string;
  concurrency: number;
  connections: number;
}

const config = JSON.parse(process.env.BENCH_WORKER!) as BullMqConfig;
const url = new URL(config.url);
const http = new Pool(url.origin, { connections: config.connections });
let worker: Worker<HandJob> | undefined;

serveIpc({
  start: async () => {
    worker = new Worker<HandJob>(
      config.queue,
      async (job) => {
        const res = await http.request({
          path: url.pathname,
          method: 'POST',
          headers: signedHeaders(job.data.id, job.data.body),
          body: job.data.body,
        });
        await res.body.dump();
        if (res.statusCode < 200 || res.statusCode > 299) {
          throw new Error(`status ${res.statusCode}`);
        }
      },
      {
        connection: {
          host: '127.0.0.1',
          port: 6379,
          maxRetriesPerRequest: null,
        },
        concurrency: config.concurrency,
        removeOnComplete: { count: 0 },
        removeOnFail: { count: 1000 },
      },
    );
    await worker.waitUntilReady();
  },
  stop: async () => {
    await worker?.close();
    await http.close();
    return processUsage();
  },
});

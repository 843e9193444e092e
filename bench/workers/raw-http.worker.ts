/**
 * Baseline "raw HTTP limit": a bare undici Pool POSTing pre-built, pre-signed
 * bodies to the receiver with keep-alive, `concurrency` requests in flight.
 * No database, no bookkeeping: what the box allows for these requests.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { baselineBody, signedHeaders } from '../support/bench-payload';
import { processUsage, serveIpc } from '../support/ipc';

interface RawHttpConfig {
  url: string;
  count: number;
  concurrency: number;
}

const config = JSON.parse(process.env.BENCH_WORKER!) as RawHttpConfig;
const url = new URL(config.url);
const pool = new Pool(url.origin, { connections: config.concurrency });
const requests = Array.from({ length: config.count }, (_, i) => {
  const body = baselineBody(i).replace(/benchT:\d+/, 'benchT:0');
  return { body, headers: signedHeaders(randomUUID(), body) };
});
let running: Promise<void> | undefined;

async function lane(next: () => number): Promise<void> {
  for (let i = next(); i < requests.length; i = next()) {
    const { body, headers } = requests[i];
    const res = await pool.request({
      path: url.pathname,
      method: 'POST',
      headers,
      body,
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  }
}

serveIpc({
  start: () => {
    let cursor = 0;
    const next = (): number => cursor++;
    running = Promise.all(
      Array.from({ length: config.concurrency }, () => lane(next)),
    ).then(() => undefined);
  },
  stop: async () => {
    await running;
    await pool.close();
    return processUsage();
  },
});

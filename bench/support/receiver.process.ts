/**
 * The minimal receiver, run in its own process: answers every POST with 200
 * and notes when it arrived. Bodies carry a `benchT:<epoch µs>` marker set at
 * publish time, so publish→delivered latency is measured here, at the far
 * end, the same way for the module and every baseline.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { processUsage, serveIpc } from './ipc';

const MARKER = 'benchT:';

let count = 0;
let firstAtMs = 0;
let lastAtMs = 0;
let ids = new Set<string>();
let latenciesMs: number[] = [];

function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = nowMs();
    count++;
    if (firstAtMs === 0) firstAtMs = at;
    lastAtMs = at;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string') ids.add(id);
    const body =
      chunks.length === 1
        ? chunks[0].toString('latin1')
        : Buffer.concat(chunks).toString('latin1');
    const i = body.indexOf(MARKER);
    if (i >= 0) {
      const micros = Number.parseInt(body.slice(i + 7, i + 23), 10);
      if (micros > 0) latenciesMs.push(at - micros / 1000);
    }
    res.writeHead(200, { 'content-length': '2' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

serveIpc({
  reset: () => {
    count = 0;
    firstAtMs = 0;
    lastAtMs = 0;
    ids = new Set();
    latenciesMs = [];
  },
  stats: () => ({
    count,
    unique: ids.size,
    firstAtMs,
    lastAtMs,
    ...processUsage(),
  }),
  latencies: () => latenciesMs,
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({
    listening: typeof address === 'object' && address ? address.port : 0,
  });
});

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WebhookEntity } from 'nestjs-outbound-webhooks';
import { best } from '../support/bench-context';
import type { BenchContext, ScenarioOutcome } from '../support/bench-context';
import {
  BENCH_SECRET,
  benchProperties,
  marker,
} from '../support/bench-payload';
import { drain, forkWorker } from '../support/drain';
import { handLoopRun } from './baselines.scenario';
import type { BenchResult } from '../support/drain';
import { BENCH_COMPANY, BENCH_TOPIC, ModuleHost } from '../support/module-host';
import { emptyTables, insertDueDeliveries } from '../support/sql-rows';

const MODULE_TABLES = [
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_events',
  'webhook_webhooks',
];

/** The parent's own host (publisher, dispatcher off), started lazily. */
let parentHost: ModuleHost | undefined;

async function host(ctx: BenchContext): Promise<ModuleHost> {
  parentHost ??= await ModuleHost.start(ctx.location, {
    dispatcherEnabled: false,
  });
  return parentHost;
}

/** Closes the parent's host; run.ts calls it once at the end. */
export async function closeModuleHost(): Promise<void> {
  await parentHost?.close();
  parentHost = undefined;
}

async function resetTables(ctx: BenchContext): Promise<void> {
  await emptyTables(ctx.ds, ctx.db.kind, MODULE_TABLES);
}

async function createWebhooks(
  ctx: BenchContext,
  count: number,
): Promise<WebhookEntity[]> {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) =>
    ctx.ds.getRepository(WebhookEntity).create({
      uuid: randomUUID(),
      companyUuid: BENCH_COMPANY,
      appUuid: null,
      url: ctx.receiver.url,
      secret: BENCH_SECRET,
      previousSecret: null,
      previousSecretExpiresAt: null,
      topic: BENCH_TOPIC,
      name: `bench ${i}`,
      label: null,
      description: null,
      webhookFormat: 'LEGACY',
      filter: null,
      includeRelations: null,
      relationFilters: null,
      relationLimit: null,
      retryEnabled: true,
      maxRetries: 3,
      retryBackoffMs: 1000,
      enabled: true,
      status: 'ACTIVE',
      disabledReason: null,
      deliveryMode: 'HTTP',
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  await ctx.ds.getRepository(WebhookEntity).insert(rows);
  return rows;
}

/** Publishes `count` events through the module, `perTx` per transaction. */
async function publishBacklog(
  ctx: BenchContext,
  count: number,
  perTx = 500,
): Promise<void> {
  const h = await host(ctx);
  for (let done = 0; done < count; done += perTx) {
    const n = Math.min(perTx, count - done);
    await h.dataSource.transaction(async (manager) => {
      for (let i = 0; i < n; i++) {
        await h.publishCreated(benchProperties(done + i), manager);
      }
    });
  }
}

function dispatcher(ctx: BenchContext, label: string, cpuProfFile?: string) {
  return forkWorker(label, 'module-dispatcher.worker.ts', {
    db: ctx.location,
    batchSize: ctx.config.moduleBatchSize,
    concurrency: ctx.config.moduleConcurrency,
    pollIntervalMs: ctx.config.modulePollIntervalMs,
    cpuProfFile,
  });
}

function timeoutFor(ctx: BenchContext, deliveries: number): number {
  return ctx.config.quick ? 20_000 + deliveries * 5 : 60_000 + deliveries * 10;
}

/** CPU profiles written in this run, with the key of their result row. */
export const CPU_PROFILES: { key: string; file: string }[] = [];
/** Rows of profiled runs that the table does not show (swept settings). */
export const PROFILE_ROWS = new Map<string, BenchResult>();

function profileFile(ctx: BenchContext, key: string): string | undefined {
  const dir = ctx.config.cpuProfDir;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `dispatcher-${key}-${Date.now()}.cpuprofile`);
  CPU_PROFILES.push({ key, file });
  return file;
}

/**
 * (a) N events to one webhook: publish a backlog, then fan out + deliver.
 * Swept over `moduleBatchSizes` × `moduleConcurrencies` like the baselines
 * are tuned; the best pair is kept for the scenarios after it.
 */
async function endToEnd(ctx: BenchContext): Promise<ScenarioOutcome> {
  const n = ctx.config.endToEndEvents;
  const settings = ctx.config.moduleBatchSizes.flatMap((batchSize) =>
    ctx.config.moduleConcurrencies.map((concurrency) => ({
      batchSize,
      concurrency,
    })),
  );
  const results: BenchResult[] = [];
  for (const { batchSize, concurrency } of settings) {
    await resetTables(ctx);
    await createWebhooks(ctx, 1);
    ctx.log(`(a) publishing ${n} events`);
    await publishBacklog(ctx, n);
    ctx.config.moduleBatchSize = batchSize;
    ctx.config.moduleConcurrency = concurrency;
    const profile = profileFile(ctx, `a-b${batchSize}-c${concurrency}`);
    ctx.log(`(a) draining, batch ${batchSize}, concurrency ${concurrency}`);
    const row = await drain({
      key: 'a',
      label:
        `(a) module: ${n.toLocaleString('en-US')} events → 1 webhook, ` +
        `end to end (batch ${batchSize}, c=${concurrency})`,
      receiver: ctx.receiver,
      workers: [dispatcher(ctx, 'dispatcher (a)', profile)],
      expected: n,
      timeoutMs: timeoutFor(ctx, n),
    });
    results.push(row);
    if (profile) PROFILE_ROWS.set(profile, row);
  }
  const winner = best(results);
  const chosen = settings[results.indexOf(winner)];
  ctx.config.moduleBatchSize = chosen.batchSize;
  ctx.config.moduleConcurrency = chosen.concurrency;
  return {
    rows: [winner],
    notes: results.map(
      (r) =>
        `${r.label}: ${Math.round(r.rate)} deliveries/s, ${Math.round(r.cpuMicrosPerDelivery)} µs CPU per delivery`,
    ),
  };
}

/** (b) N events fanned out to W webhooks. */
async function fanOut(ctx: BenchContext): Promise<ScenarioOutcome> {
  await resetTables(ctx);
  const w = ctx.config.fanOutWebhooks;
  await createWebhooks(ctx, w);
  const n = ctx.config.fanOutEvents;
  ctx.log(`(b) publishing ${n} events for ${w} webhooks`);
  await publishBacklog(ctx, n);
  const row = await drain({
    key: 'b',
    label: `(b) module: ${n.toLocaleString('en-US')} events × ${w} webhooks`,
    receiver: ctx.receiver,
    workers: [dispatcher(ctx, 'dispatcher (b)')],
    expected: n * w,
    timeoutMs: timeoutFor(ctx, n * w),
  });
  return { rows: [row] };
}

/**
 * (c) Publish cost: single publishes, each in its own transaction, against
 * the same row inserted by hand in its own transaction; interleaved in
 * rounds so both see the same machine load.
 */
async function publishCost(ctx: BenchContext): Promise<ScenarioOutcome> {
  await resetTables(ctx);
  const h = await host(ctx);
  const ds = h.dataSource;
  const total = ctx.config.publishCount;
  const round = Math.min(250, total);
  let moduleMs = 0;
  let rawMs = 0;
  const ph = (i: number): string =>
    ctx.db.kind === 'postgres' ? `$${i}` : '?';
  const insert = `INSERT INTO webhook_events (uuid, company_uuid, topic, event_type, object_name,
       record_uuid, payload, occurred_at, fanned_out, created_at)
     VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(ph).join(', ')})`;
  ctx.log(`(c) ${total} + ${total} single-event transactions`);
  for (let done = 0; done < total; done += round) {
    let t = performance.now();
    for (let i = 0; i < round; i++) await h.publishCreated(benchProperties(i));
    moduleMs += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < round; i++) {
      const now = Date.now();
      const recordUuid = randomUUID();
      const payload = JSON.stringify({
        type: 'RecordCreated',
        topic: BENCH_TOPIC,
        companyUuid: BENCH_COMPANY,
        occurredAt: now,
        record: {
          uuid: recordUuid,
          objectName: 'candidate',
          properties: benchProperties(i),
        },
      });
      await ds.transaction((m) =>
        m.query(insert, [
          randomUUID(),
          BENCH_COMPANY,
          BENCH_TOPIC,
          'RecordCreated',
          'candidate',
          recordUuid,
          payload,
          now,
          ctx.db.kind === 'sqlite' ? 0 : false,
          now,
        ]),
      );
    }
    rawMs += performance.now() - t;
  }
  await resetTables(ctx);
  const per = (ms: number): number => ms / total;
  const row = (key: string, label: string, ms: number): BenchResult => ({
    key,
    label,
    deliveries: total,
    rate: (total * 1000) / ms,
    p50Ms: NaN,
    p99Ms: NaN,
    peakRssBytes: NaN,
    cpuMicrosPerDelivery: NaN,
    receiverCpuPercent: NaN,
    machineCpuPercent: NaN,
    storeCpuMicrosPerDelivery: NaN,
    note: `${per(ms).toFixed(2)} ms per publish; rate column = publishes/s`,
  });
  return {
    rows: [
      row('c', '(c) module: single publish, own transaction', moduleMs),
      row('c-raw', '(c) raw single-row INSERT, own transaction', rawMs),
    ],
    figures: {
      'publish.module.ms': per(moduleMs),
      'publish.raw.ms': per(rawMs),
    },
  };
}

/** (d) Idle latency: one event at a time, published in the dispatcher's process. */
async function idleLatency(ctx: BenchContext): Promise<ScenarioOutcome> {
  await resetTables(ctx);
  await createWebhooks(ctx, 1);
  const worker = forkWorker('dispatcher (d)', 'module-dispatcher.worker.ts', {
    db: ctx.location,
  });
  const samples = ctx.config.idleSamples;
  ctx.log(`(d) ${samples} events, one at a time, default options`);
  const row = await drain({
    key: 'd',
    label: `(d) module: idle latency, ${samples} events one at a time (default options)`,
    receiver: ctx.receiver,
    workers: [worker],
    expected: samples,
    timeoutMs: 60_000 + samples * 3_000,
    during: async () => {
      for (let i = 0; i < samples; i++) {
        await worker.request('publish');
        await ctx.receiver.waitFor(i + 1, 30_000, () => !worker.alive);
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
      }
    },
  });
  // Per-delivery costs mean nothing here: the span is mostly idle polling.
  return {
    rows: [
      {
        ...row,
        rate: NaN,
        cpuMicrosPerDelivery: NaN,
        storeCpuMicrosPerDelivery: NaN,
      },
    ],
  };
}

/** (f) 1, 2 and 4 dispatcher processes draining one backlog. */
async function multiProcess(ctx: BenchContext): Promise<ScenarioOutcome> {
  if (ctx.db.kind === 'sqlite') {
    return {
      rows: [],
      notes: ['(f) skipped on SQLite: one process per database file'],
    };
  }
  const rows: BenchResult[] = [];
  const n = ctx.config.multiProcessDeliveries;
  for (const processes of [1, 2, 4]) {
    await resetTables(ctx);
    const [webhook] = await createWebhooks(ctx, 1);
    await insertDueDeliveries(ctx.ds, ctx.db.kind, webhook, n, smallBody());
    ctx.log(`(f) ${processes} process(es), ${n} deliveries`);
    const workers = Array.from({ length: processes }, (_, i) =>
      dispatcher(ctx, `dispatcher (f) #${i + 1}`),
    );
    rows.push(
      await drain({
        key: `f${processes}`,
        label: `(f) module: ${processes} dispatcher process${processes > 1 ? 'es' : ''}, ${n.toLocaleString('en-US')} deliveries`,
        receiver: ctx.receiver,
        workers,
        expected: n,
        timeoutMs: timeoutFor(ctx, n),
      }),
    );
  }
  // The same drain by the hand-written loop, for scale: what 4 processes
  // gain over 1 on this machine when the module is not involved.
  const batchSize = ctx.config.handLoopBatchSizes[0];
  for (const processes of [1, 4]) {
    ctx.log(`(f) hand-written loop, ${processes} process(es)`);
    rows.push(
      await handLoopRun(ctx, {
        key: `hand-f${processes}`,
        label: `(f) hand-written loop: ${processes} process${processes > 1 ? 'es' : ''}, ${n.toLocaleString('en-US')} jobs (batch ${batchSize})`,
        batchSize,
        processes,
        jobs: n,
      }),
    );
  }
  return { rows };
}

/** (g) Peak RSS draining a small and a big backlog. */
async function memory(ctx: BenchContext): Promise<ScenarioOutcome> {
  const rows: BenchResult[] = [];
  const notes: string[] = [];
  const figures: Record<string, number> = {};
  for (const [size, name] of [
    [ctx.config.memorySmallBacklog, 'small'],
    [ctx.config.memoryBigBacklog, 'big'],
  ] as const) {
    await resetTables(ctx);
    const [webhook] = await createWebhooks(ctx, 1);
    await insertDueDeliveries(ctx.ds, ctx.db.kind, webhook, size, smallBody());
    ctx.log(`(g) draining a backlog of ${size}`);
    const row = await drain({
      key: `g-${name}`,
      label: `(g) module: backlog of ${size.toLocaleString('en-US')} deliveries`,
      receiver: ctx.receiver,
      workers: [
        dispatcher(
          ctx,
          `dispatcher (g) ${name}`,
          name === 'big' ? profileFile(ctx, 'g-big') : undefined,
        ),
      ],
      expected: size,
      timeoutMs: timeoutFor(ctx, size),
    });
    rows.push(row);
    figures[`rss.${name}`] = row.peakRssBytes;
    if (row.memory) {
      const [first, , , last] = row.memory.rssMiB;
      figures[`rss.${name}.growth`] = last / first;
      // NaN crosses the IPC channel as null: no full collection ran.
      const live = row.memory.liveHeapMiB ?? NaN;
      figures[`heap.live.${name}`] = live;
      const rss = row.memory.rssMiB.join(' / ');
      const heap = row.memory.heapMiB.join(' / ');
      const afterGc = Number.isFinite(live)
        ? `at most ${live} MiB after a full collection`
        : 'no full collection ran';
      notes.push(
        `(g) backlog ${size}: RSS MiB at 25/50/75/100 % of the drain ` +
          `${rss}, V8 heap used ${heap}, ${afterGc}`,
      );
    }
  }
  return { rows, figures, notes };
}

/** (e) Claim cost: the first deliveries out of a big vs a small due table. */
async function claimCost(ctx: BenchContext): Promise<ScenarioOutcome> {
  const rows: BenchResult[] = [];
  const figures: Record<string, number> = {};
  const measured = ctx.config.claimMeasured;
  for (const [size, name] of [
    [ctx.config.claimSmallRows, 'small'],
    [ctx.config.claimBigRows, 'big'],
  ] as const) {
    await resetTables(ctx);
    const [webhook] = await createWebhooks(ctx, 1);
    ctx.log(`(e) inserting ${size} due deliveries`);
    await insertDueDeliveries(ctx.ds, ctx.db.kind, webhook, size, smallBody());
    if (ctx.db.kind === 'postgres')
      await ctx.ds.query('ANALYZE webhook_deliveries');
    const row = await drain({
      key: `e-${name}`,
      label: `(e) module: first ${measured.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} due rows`,
      receiver: ctx.receiver,
      workers: [dispatcher(ctx, `dispatcher (e) ${name}`)],
      expected: measured,
      timeoutMs: timeoutFor(ctx, measured),
    });
    rows.push({ ...row, p50Ms: NaN, p99Ms: NaN });
    figures[`claim.${name}.cost`] = 1 / row.rate;
  }
  await resetTables(ctx);
  return { rows, figures };
}

/** A small body with a latency marker (rows inserted by SQL, not published). */
function smallBody(): string {
  return JSON.stringify({ topic: BENCH_TOPIC, note: 'bench', t: marker() });
}

/** The module's scenarios (a)–(g), in the order they run. */
export const MODULE_SCENARIOS: [
  string,
  (ctx: BenchContext) => Promise<ScenarioOutcome>,
][] = [
  ['a', endToEnd],
  ['b', fanOut],
  ['c', publishCost],
  ['d', idleLatency],
  ['f', multiProcess],
  ['g', memory],
  ['e', claimCost],
];

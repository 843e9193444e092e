import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Queue } from 'bullmq';
import PgBoss from 'pg-boss';
import { best } from '../support/bench-context';
import type { BenchContext, ScenarioOutcome } from '../support/bench-context';
import { BenchDatabase } from '../support/bench-database';
import { baselineBody } from '../support/bench-payload';
import { drain, forkWorker } from '../support/drain';
import type { BenchResult } from '../support/drain';
import { insertRows } from '../support/sql-rows';
import { HAND_JOBS_DDL } from '../workers/hand-loop.store';

const HTTP_CONNECTIONS = 64;

function jobs(count: number): { id: string; body: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    body: baselineBody(i),
  }));
}

/** Raw HTTP limit: best rate over the concurrency sweep. */
export async function rawHttpBaseline(
  ctx: BenchContext,
): Promise<ScenarioOutcome> {
  const results: BenchResult[] = [];
  for (const concurrency of ctx.config.rawConcurrencies) {
    ctx.log(`raw HTTP, concurrency ${concurrency}`);
    const worker = forkWorker('raw-http', 'raw-http.worker.ts', {
      url: ctx.receiver.url,
      count: ctx.config.endToEndEvents,
      concurrency,
    });
    const r = await drain({
      key: 'raw',
      label: `raw HTTP limit (undici Pool, c=${concurrency})`,
      receiver: ctx.receiver,
      workers: [worker],
      expected: ctx.config.endToEndEvents,
      timeoutMs: 120_000,
    });
    results.push({ ...r, p50Ms: NaN, p99Ms: NaN });
  }
  return { rows: [best(results)] };
}

/** Hand-written claim + POST loop on the benchmark database. */
export async function handLoopBaseline(
  ctx: BenchContext,
): Promise<ScenarioOutcome> {
  const results: BenchResult[] = [];
  for (const batchSize of ctx.config.handLoopBatchSizes) {
    ctx.log(`hand-written loop, batch ${batchSize}`);
    results.push(
      await handLoopRun(ctx, {
        key: 'hand',
        label: `hand-written ${ctx.db.kind === 'sqlite' ? 'UPDATE … RETURNING' : 'SKIP LOCKED'} loop (batch ${batchSize})`,
        batchSize,
        processes: 1,
        jobs: ctx.config.endToEndEvents,
      }),
    );
  }
  return { rows: [best(results)] };
}

/**
 * One drain of `jobs` fresh rows by `processes` hand-written loop
 * processes (4 loops each, 1 on SQLite), in a table of its own.
 */
export async function handLoopRun(
  ctx: BenchContext,
  run: {
    key: string;
    label: string;
    batchSize: number;
    processes: number;
    jobs: number;
  },
): Promise<BenchResult> {
  try {
    for (const ddl of HAND_JOBS_DDL) await ctx.ds.query(ddl);
    const now = Date.now();
    await insertRows(
      ctx.ds,
      ctx.db.kind,
      'bench_jobs',
      ['id', 'body', 'status', 'next_attempt_at', 'attempts'],
      jobs(run.jobs).map((j) => [j.id, j.body, 'PENDING', now, 0]),
    );
    const workers = Array.from({ length: run.processes }, (_, i) =>
      forkWorker(`hand-loop #${i + 1}`, 'hand-loop.worker.ts', {
        db: ctx.location,
        url: ctx.receiver.url,
        batchSize: run.batchSize,
        loops: ctx.db.kind === 'sqlite' ? 1 : 4,
        connections: HTTP_CONNECTIONS,
      }),
    );
    return await drain({
      key: run.key,
      label: run.label,
      receiver: ctx.receiver,
      workers,
      expected: run.jobs,
      timeoutMs: 180_000,
    });
  } finally {
    await ctx.ds.query('DROP TABLE IF EXISTS bench_jobs');
  }
}

/** pg-boss 10 (PostgreSQL only: a side database when --db is another). */
export async function pgBossBaseline(
  ctx: BenchContext,
): Promise<ScenarioOutcome> {
  let side: BenchDatabase | undefined;
  let pgUrl = ctx.location.url;
  if (ctx.db.kind !== 'postgres') {
    side = new BenchDatabase('postgres');
    try {
      await side.create();
    } catch {
      return { rows: [], notes: ['pg-boss: not run (PostgreSQL unreachable)'] };
    }
    pgUrl = side.location().url;
  }
  const boss = new PgBoss({
    connectionString: pgUrl,
    supervise: false,
    schedule: false,
    max: 4,
  });
  boss.on('error', (error) => ctx.log(`pg-boss (seeding): ${error}`));
  try {
    await boss.start();
    const results: BenchResult[] = [];
    for (const batchSize of ctx.config.pgBossBatchSizes) {
      const queue = `bench_${batchSize}`;
      await boss.createQueue(queue);
      const all = jobs(ctx.config.endToEndEvents);
      for (let i = 0; i < all.length; i += 1000) {
        await boss.insert(
          all.slice(i, i + 1000).map((data) => ({ name: queue, data })),
        );
      }
      ctx.log(`pg-boss, batch ${batchSize}`);
      const worker = forkWorker('pg-boss', 'pg-boss.worker.ts', {
        pgUrl,
        queue,
        url: ctx.receiver.url,
        batchSize,
        workers: 4,
        connections: HTTP_CONNECTIONS,
      });
      results.push(
        await drain({
          key: 'pgboss',
          label: `pg-boss 10 (batch ${batchSize}, 4 workers)`,
          receiver: ctx.receiver,
          workers: [worker],
          expected: ctx.config.endToEndEvents,
          timeoutMs: 180_000,
          note: side ? 'on a side PostgreSQL database' : undefined,
        }),
      );
    }
    return { rows: [best(results)] };
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
    await side?.drop();
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** BullMQ on the local Redis. */
export async function bullMqBaseline(
  ctx: BenchContext,
): Promise<ScenarioOutcome> {
  const connection = {
    host: '127.0.0.1',
    port: 6379,
    maxRetriesPerRequest: null,
  };
  if (!(await reachable(connection.host, connection.port))) {
    return { rows: [], notes: ['BullMQ: not run (Redis unreachable)'] };
  }
  const results: BenchResult[] = [];
  for (const concurrency of ctx.config.bullMqConcurrencies) {
    const name = `wh-bench-${randomUUID()}`;
    const queue = new Queue(name, { connection });
    try {
      await queue.waitUntilReady();
      const all = jobs(ctx.config.endToEndEvents);
      for (let i = 0; i < all.length; i += 1000) {
        await queue.addBulk(
          all.slice(i, i + 1000).map((data) => ({
            name: 'delivery',
            data,
            opts: { removeOnComplete: true },
          })),
        );
      }
      ctx.log(`BullMQ, concurrency ${concurrency}`);
      const worker = forkWorker('bullmq', 'bullmq.worker.ts', {
        queue: name,
        url: ctx.receiver.url,
        concurrency,
        connections: HTTP_CONNECTIONS,
      });
      results.push(
        await drain({
          key: 'bullmq',
          label: `BullMQ 6 (concurrency ${concurrency})`,
          receiver: ctx.receiver,
          workers: [worker],
          expected: ctx.config.endToEndEvents,
          timeoutMs: 180_000,
        }),
      );
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  }
  return { rows: [best(results)] };
}

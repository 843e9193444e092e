/**
 * `npm run bench`: the module against the raw HTTP limit, a hand-written
 * loop, pg-boss and BullMQ, all measured in this run on this machine.
 * See the README's Performance section for what each line means.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { WEBHOOK_ENTITIES, WEBHOOK_MIGRATIONS } from 'nestjs-outbound-webhooks';
import {
  bullMqBaseline,
  handLoopBaseline,
  pgBossBaseline,
  rawHttpBaseline,
} from './scenarios/baselines.scenario';
import {
  CPU_PROFILES,
  MODULE_SCENARIOS,
  PROFILE_ROWS,
  closeModuleHost,
} from './scenarios/module.scenarios';
import { targetLines } from './scenarios/target-lines';
import { parseBenchArgs } from './support/bench-config';
import { compileBench } from './support/compile-bench';
import { summarizeCpuProfile } from './support/cpu-profile.summary';
import type { BenchContext, ScenarioOutcome } from './support/bench-context';
import { BenchDatabase, typeOrmOptions } from './support/bench-database';
import type { BenchResult } from './support/drain';
import { ReceiverHandle } from './support/receiver.handle';
import { renderTable } from './support/report';

type Scenario = [
  key: string,
  run: (ctx: BenchContext) => Promise<ScenarioOutcome>,
];

const SCENARIOS: Scenario[] = [
  ['raw', rawHttpBaseline],
  ['hand', handLoopBaseline],
  ['pgboss', pgBossBaseline],
  ['bullmq', bullMqBaseline],
  ...MODULE_SCENARIOS,
];

function profileLines(rows: BenchResult[]): string[] {
  return CPU_PROFILES.flatMap(({ key, file }) => {
    const row = PROFILE_ROWS.get(file) ?? rows.find((r) => r.key === key);
    if (!row || !existsSync(file)) return [`no CPU profile for ${key}`];
    return ['', `[${row.label}]`, ...summarizeCpuProfile(file, row.deliveries)];
  });
}

async function main(): Promise<number> {
  const config = parseBenchArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string): void => {
    const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${s}s] ${line}\n`);
  };
  log(
    `${config.quick ? 'quick' : 'full'} run on ${config.db}` +
      (config.only ? ` (only ${config.only.join(',')})` : ''),
  );
  compileBench();
  const db = new BenchDatabase(config.db);
  await db.create();
  const location = db.location();
  const ds = new DataSource({
    ...typeOrmOptions(location, 4),
    entities: [...WEBHOOK_ENTITIES],
    migrations: [...WEBHOOK_MIGRATIONS],
    logging: false,
  });
  let receiver: ReceiverHandle | undefined;
  const rows: BenchResult[] = [];
  const figures: Record<string, number> = {};
  const notes: string[] = [];
  const crashed: string[] = [];
  try {
    await ds.initialize();
    await ds.runMigrations();
    receiver = await ReceiverHandle.start();
    const ctx: BenchContext = { config, db, location, ds, receiver, log };
    for (const [key, run] of SCENARIOS) {
      if (config.only && !config.only.includes(key)) continue;
      const t0 = Date.now();
      try {
        const outcome = await run(ctx);
        rows.push(...outcome.rows);
        Object.assign(figures, outcome.figures);
        notes.push(...(outcome.notes ?? []));
        log(`${key} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (error) {
        crashed.push(key);
        log(
          `${key} CRASHED: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
    }
  } finally {
    await closeModuleHost().catch((error: unknown) =>
      log(`closing the module host failed: ${String(error)}`),
    );
    await receiver?.close();
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }

  const out: string[] = [
    '',
    `nestjs-outbound-webhooks benchmark — ${config.quick ? 'QUICK' : 'FULL'} mode, database ${config.db}, ` +
      `Node ${process.version}, ${new Date().toISOString()}`,
    '',
    renderTable(rows),
    '',
    ...targetLines(rows, figures).map((t) => `- ${t.text}`),
  ];
  if (config.cpuProfDir) out.push(...profileLines(rows));
  if (notes.length > 0) out.push('', ...notes.map((n) => `note: ${n}`));
  if (crashed.length > 0)
    out.push('', `CRASHED scenarios: ${crashed.join(', ')}`);
  out.push('', `total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(out.join('\n') + '\n');
  return crashed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);

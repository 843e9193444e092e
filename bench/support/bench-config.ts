import { resolve } from 'node:path';

/** Which database the benchmark runs on. */
export type BenchDatabaseKind = 'sqlite' | 'postgres' | 'mariadb';

/** Every count the benchmark uses; quick mode scales them down. */
export interface BenchConfig {
  db: BenchDatabaseKind;
  quick: boolean;
  /** Write a V8 CPU profile of the dispatcher child of scenario (a). */
  cpuProfDir?: string;
  /** Only run scenarios / baselines whose key is listed (debugging aid). */
  only?: string[];
  /** (a) events to one webhook, end to end; also the baselines' job count. */
  endToEndEvents: number;
  /** (b) events fanned out to `fanOutWebhooks` webhooks. */
  fanOutEvents: number;
  fanOutWebhooks: number;
  /** (c) single publishes, each in its own transaction. */
  publishCount: number;
  /** (d) events published one at a time. */
  idleSamples: number;
  /** (e) due rows in the big and the small table, and deliveries timed. */
  claimBigRows: number;
  claimSmallRows: number;
  claimMeasured: number;
  /** (f) deliveries drained by 1, 2 and 4 processes. */
  multiProcessDeliveries: number;
  /** (g) backlog sizes whose peak RSS is compared. */
  memoryBigBacklog: number;
  memorySmallBacklog: number;
  /** Baseline tuning sweeps. */
  rawConcurrencies: number[];
  pgBossBatchSizes: number[];
  bullMqConcurrencies: number[];
  handLoopBatchSizes: number[];
  /** Dispatcher settings of the module under test. */
  moduleBatchSize: number;
  moduleConcurrency: number;
  /**
   * (a) is run at each of these batch sizes and concurrencies; the best
   * pair is used from then on.
   */
  moduleBatchSizes: number[];
  moduleConcurrencies: number[];
  modulePollIntervalMs: number;
}

const FULL: Omit<BenchConfig, 'db' | 'quick'> = {
  endToEndEvents: 20_000,
  fanOutEvents: 2_000,
  fanOutWebhooks: 10,
  publishCount: 5_000,
  idleSamples: 200,
  claimBigRows: 1_000_000,
  claimSmallRows: 10_000,
  claimMeasured: 5_000,
  multiProcessDeliveries: 20_000,
  memoryBigBacklog: 100_000,
  memorySmallBacklog: 10_000,
  rawConcurrencies: [8, 32, 128],
  pgBossBatchSizes: [100, 500, 1000],
  bullMqConcurrencies: [50, 200],
  handLoopBatchSizes: [100, 500],
  moduleBatchSize: 500,
  moduleConcurrency: 64,
  moduleBatchSizes: [500, 1000],
  moduleConcurrencies: [64, 256],
  modulePollIntervalMs: 100,
};

/** Quick mode (CI): counts cut 3–20×, one setting per sweep. */
const QUICK: Omit<BenchConfig, 'db' | 'quick'> = {
  ...FULL,
  endToEndEvents: 3_000,
  fanOutEvents: 300,
  publishCount: 300,
  idleSamples: 25,
  claimBigRows: 100_000,
  claimSmallRows: 10_000,
  claimMeasured: 1_500,
  multiProcessDeliveries: 1_500,
  memoryBigBacklog: 6_000,
  memorySmallBacklog: 2_000,
  rawConcurrencies: [32],
  pgBossBatchSizes: [500],
  bullMqConcurrencies: [100],
  handLoopBatchSizes: [500],
  moduleConcurrency: 128,
  moduleBatchSizes: [500],
  moduleConcurrencies: [128],
};

const USAGE =
  'usage: npm run bench -- [--quick] [--db postgres|sqlite|mariadb] [--cpu-prof <dir>] [--only a,b,raw,...] [--module-batch N] [--module-concurrency N]';

/** Parses `process.argv`-style arguments into a config. */
export function parseBenchArgs(argv: string[]): BenchConfig {
  let db: BenchDatabaseKind = 'postgres';
  let quick = false;
  let cpuProfDir: string | undefined;
  let only: string[] | undefined;
  const overrides: Partial<BenchConfig> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value. ${USAGE}`);
      return next;
    };
    if (arg === '--quick') quick = true;
    else if (arg === '--db') {
      const v = value();
      if (v !== 'postgres' && v !== 'sqlite' && v !== 'mariadb')
        throw new Error(`Unknown database "${v}". ${USAGE}`);
      db = v;
    } else if (arg.startsWith('--db=')) {
      return parseBenchArgs([
        ...argv.slice(0, i),
        '--db',
        arg.slice(5),
        ...argv.slice(i + 1),
      ]);
    } else if (arg === '--cpu-prof') cpuProfDir = resolve(value());
    else if (arg === '--only') only = value().split(',');
    else if (arg === '--module-batch') {
      overrides.moduleBatchSize = positive(arg, value());
      overrides.moduleBatchSizes = [overrides.moduleBatchSize];
    } else if (arg === '--module-concurrency') {
      overrides.moduleConcurrency = positive(arg, value());
      overrides.moduleConcurrencies = [overrides.moduleConcurrency];
    } else throw new Error(`Unknown argument "${arg}". ${USAGE}`);
  }
  return {
    db,
    quick,
    cpuProfDir,
    only,
    ...(quick ? QUICK : FULL),
    ...overrides,
  };
}

function positive(arg: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${arg} needs a positive integer, got "${text}". ${USAGE}`);
  }
  return n;
}

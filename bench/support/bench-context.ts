import type { DataSource } from 'typeorm';
import type { BenchConfig } from './bench-config';
import type { BenchDatabase, BenchDatabaseLocation } from './bench-database';
import type { BenchResult } from './drain';
import type { ReceiverHandle } from './receiver.handle';

/** Everything a scenario needs, set up once by run.ts. */
export interface BenchContext {
  config: BenchConfig;
  db: BenchDatabase;
  location: BenchDatabaseLocation;
  /** The parent's connection (migrated schema of the module). */
  ds: DataSource;
  receiver: ReceiverHandle;
  /** Prints a progress line on stderr. */
  log: (line: string) => void;
}

/** A scenario's outcome: result rows and extra lines for the report. */
export interface ScenarioOutcome {
  rows: BenchResult[];
  /** Named figures the ratio lines use, e.g. `publish.module.ms`. */
  figures?: Record<string, number>;
  notes?: string[];
}

/** Picks the fastest of several measurements of the same thing. */
export function best(results: BenchResult[]): BenchResult {
  return results.reduce((a, b) => (b.rate > a.rate ? b : a));
}

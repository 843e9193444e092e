import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, in clock ticks, from /proc/stat. */
export interface MachineCpu {
  busy: number;
  total: number;
}

/** Reads the all-cores line of /proc/stat; undefined where there is none. */
export function readMachineCpu(): MachineCpu | undefined {
  let line: string;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  // cpu user nice system idle iowait irq softirq steal guest guest_nice;
  // guest time is already counted in user and nice, so it is left out.
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - idle, total };
}

/** Percent of the whole machine (all cores) busy between two readings. */
export function busyPercent(
  before: MachineCpu | undefined,
  after: MachineCpu | undefined,
): number {
  if (!before || !after || after.total <= before.total) return NaN;
  return (100 * (after.busy - before.busy)) / (after.total - before.total);
}

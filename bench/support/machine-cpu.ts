import { readFileSync, readdirSync } from 'node:fs';

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

/** Process names of the database and queue servers the lines talk to. */
const STORE_PROCESSES = new Set([
  'postgres',
  'mariadbd',
  'mysqld',
  'redis-server',
]);

/**
 * CPU time so far of the local database and queue servers (PostgreSQL's
 * backends and postmaster, MariaDB, Redis), in clock ticks: user + system
 * of every live process, plus what exited children left in their parent
 * (a PostgreSQL backend's time moves to the postmaster when it ends).
 * Undefined where /proc cannot be read.
 */
export function readStoreCpuTicks(): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (!STORE_PROCESSES.has(stat.slice(open + 1, close))) continue;
    // After "pid (comm)": state is field 3; utime, stime, cutime, cstime
    // are fields 14 to 17.
    const fields = stat.slice(close + 2).split(' ');
    for (let f = 14; f <= 17; f++) ticks += Number(fields[f - 3]);
  }
  return ticks;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = 100;

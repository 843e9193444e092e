import type { BenchResult } from './drain';

/** One target line: a measured ratio against its threshold. */
export interface TargetLine {
  text: string;
  /** Undefined when a side of the ratio was not measured. */
  met?: boolean;
}

function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** The result table as GitHub markdown (readable in a terminal too). */
export function renderTable(rows: BenchResult[]): string {
  const header = [
    'scenario',
    'deliveries',
    'deliveries/s',
    'p50 ms',
    'p99 ms',
    'peak RSS MiB',
    'CPU µs/delivery',
    'DB server CPU µs/delivery',
    'receiver CPU %',
    'machine CPU %',
  ];
  const lines = rows.map((r) => [
    r.label + (r.note ? ` (${r.note})` : ''),
    num(r.deliveries),
    num(r.rate),
    num(r.p50Ms, r.p50Ms < 100 ? 1 : 0),
    num(r.p99Ms, r.p99Ms < 100 ? 1 : 0),
    num(r.peakRssBytes / 1024 / 1024),
    num(r.cpuMicrosPerDelivery),
    num(r.storeCpuMicrosPerDelivery),
    num(r.receiverCpuPercent),
    num(r.machineCpuPercent),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((l) => l[i].length)),
  );
  const fmt = (cells: string[]): string =>
    '| ' +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ') +
    ' |';
  return [
    fmt(header),
    '|' +
      widths
        .map(
          (w, i) =>
            (i === 0 ? '-' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':'),
        )
        .join('|') +
      '|',
    ...lines.map(fmt),
  ].join('\n');
}

/** `measured OP threshold` as a met / not met line. */
export function target(
  what: string,
  ratio: number,
  op: '>=' | '<=',
  threshold: number,
  unit = '×',
): TargetLine {
  if (!Number.isFinite(ratio)) {
    return { text: `${what}: not measured` };
  }
  const met = op === '>=' ? ratio >= threshold : ratio <= threshold;
  const shown = unit === '×' ? ratio.toFixed(2) : ratio.toFixed(1);
  return {
    text: `${what}: ${shown}${unit} (target ${op === '>=' ? '≥' : '≤'} ${threshold}${unit}) — ${met ? 'met' : 'NOT MET'}`,
    met,
  };
}

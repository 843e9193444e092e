import type { BenchResult } from '../support/drain';
import { target } from '../support/report';
import type { TargetLine } from '../support/report';

/** The targets as met / not met lines. */
export function targetLines(
  rows: BenchResult[],
  figures: Record<string, number>,
): TargetLine[] {
  const rate = (key: string): number =>
    rows.find((r) => r.key === key)?.rate ?? Number.NaN;
  const e2e = rate('a');
  const lines: TargetLine[] = [
    target(
      'end to end vs raw HTTP limit (information)',
      e2e / rate('raw'),
      '>=',
      0.5,
    ),
    target('end to end vs hand-written loop', e2e / rate('hand'), '>=', 1.0),
    target(
      'end to end vs pg-boss at its best batch',
      e2e / rate('pgboss'),
      '>=',
      1.5,
    ),
    target('end to end vs BullMQ', e2e / rate('bullmq'), '>=', 2.0),
    target(
      'publish vs raw single-row insert',
      figures['publish.module.ms'] / figures['publish.raw.ms'],
      '<=',
      1.3,
    ),
    target(
      'idle latency p50',
      rows.find((r) => r.key === 'd')?.p50Ms ?? NaN,
      '<=',
      50,
      ' ms',
    ),
    target('4 processes vs 1', rate('f4') / rate('f1'), '>=', 1.8),
    target(
      'hand-written loop, 4 processes vs 1 (information)',
      rate('hand-f4') / rate('hand-f1'),
      '>=',
      1.8,
    ),
    target(
      'claim cost at big table vs 10k',
      figures['claim.big.cost'] / figures['claim.small.cost'],
      '<=',
      2.0,
    ),
    target(
      'peak RSS at big backlog vs small',
      figures['rss.big'] / figures['rss.small'],
      '<=',
      1.25,
    ),
    target(
      'heap in use after a full collection, big backlog vs small (information)',
      figures['heap.live.big'] / figures['heap.live.small'],
      '<=',
      1.25,
    ),
    target(
      'RSS growth over the big drain, last vs first quarter (information)',
      figures['rss.big.growth'],
      '<=',
      1.25,
    ),
  ];
  return lines;
}

import { acceptedRequests } from './accepted-requests';
import type { DemoPlan } from './demo-expectation.interface';
import type { ReceivedRequest } from './demo-receiver';

/** One line of the summary table. */
export interface DemoSummaryRow {
  webhook: string;
  topic: string;
  expected: number;
  /** Distinct deliveries (webhook-ids) that reached the receiver. */
  arrived: number;
  /** Of those, how many verified and were accepted. */
  verified: number;
}

/** The outcome of a demo run. */
export interface DemoSummary {
  rows: DemoSummaryRow[];
  failedChecks: string[];
  ok: boolean;
}

/** Compares what arrived with what the tour expected. */
export function summarize(
  plan: DemoPlan,
  requests: ReceivedRequest[],
): DemoSummary {
  const rows = new Map<string, DemoSummaryRow>();
  const row = (webhook: string, topic: string) => {
    const key = `${webhook} ${topic}`;
    let found = rows.get(key);
    if (!found) {
      found = { webhook, topic, expected: 0, arrived: 0, verified: 0 };
      rows.set(key, found);
    }
    return found;
  };
  for (const e of plan.expectations) row(e.hook, e.topic).expected += e.count;
  const arrivedIds = new Set<string>();
  const verifiedIds = new Set<string>();
  for (const r of requests) {
    const id = `${r.hook} ${r.webhookId}`;
    if (!arrivedIds.has(id)) {
      arrivedIds.add(id);
      row(r.hook || '(unknown path)', r.topic).arrived += 1;
    }
    if (r.status === 204 && !verifiedIds.has(id)) {
      verifiedIds.add(id);
      row(r.hook, r.topic).verified += 1;
    }
  }
  const failedChecks = plan.checks
    .filter(
      (check) =>
        !check.passes(acceptedRequests(requests, check.hook), requests),
    )
    .map((check) => `${check.hook} ${check.description}`);
  const list = [...rows.values()];
  const ok =
    failedChecks.length === 0 &&
    list.every((r) => r.arrived === r.expected && r.verified === r.expected);
  return { rows: list, failedChecks, ok };
}

/** The summary as a plain-text table. */
export function formatSummary(summary: DemoSummary): string {
  const header = ['webhook', 'topic', 'expected', 'arrived', 'verified', ''];
  const lines = summary.rows.map((r) => [
    r.webhook,
    r.topic,
    String(r.expected),
    String(r.arrived),
    String(r.verified),
    r.arrived === r.expected && r.verified === r.expected
      ? 'ok'
      : r.expected === 0
        ? 'UNEXPECTED'
        : 'MISSING',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((l) => l[i].length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    format(header),
    format(widths.map((w) => '-'.repeat(w))),
    ...lines.map(format),
  ].join('\n');
}

import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** The secret every benchmark webhook signs with (Standard Webhooks form). */
export const BENCH_SECRET =
  'whsec_' + Buffer.from('b'.repeat(32)).toString('base64');
const KEY = Buffer.from(BENCH_SECRET.slice(6), 'base64');

/** Now as epoch microseconds, comparable across processes. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** The latency marker the receiver looks for in a body. */
export function marker(micros = nowMicros()): string {
  return `benchT:${micros}`;
}

/** Record properties of a benchmark event: ~1 KB once formatted. */
export function benchProperties(i: number): Record<string, string | number> {
  return {
    firstname: 'Ada',
    lastname: `Lovelace ${i}`,
    email: `ada.${i}@example.test`,
    city: 'London',
    score: i,
    notes: 'n'.repeat(600),
    benchT: marker(),
  };
}

/**
 * A body shaped like the module's LEGACY payload for the same event, for the
 * baselines that carry a pre-rendered body in their job.
 */
export function baselineBody(i: number): string {
  const properties = benchProperties(i);
  return JSON.stringify({
    topic: 'record.candidate.created',
    event: 'RecordCreated',
    timestamp: Date.now(),
    companyUuid: '00000000-0000-4000-8000-000000000001',
    record: {
      uuid: randomUUID(),
      objectName: 'candidate',
      properties: Object.entries(properties).map(([name, value]) => ({
        name,
        type: typeof value === 'number' ? 'number' : 'text',
        value,
      })),
      createdAt: Date.now(),
      updatedAt: Date.now(),
    },
  });
}

/** Standard Webhooks headers for one attempt (signed now). */
export function signedHeaders(
  id: string,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const signature = createHmac('sha256', KEY)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

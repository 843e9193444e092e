import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import { postgresArrayLiteral } from '../persistence/postgres-array.literal';
import { DELIVERY_INSERT_COLUMNS } from './sql/insert-deliveries.sql';

/** A delivery row about to be inserted: what a claim later reads of it. */
export interface PlannedDelivery extends Pick<
  ClaimedDelivery,
  'uuid' | 'companyUuid' | 'webhookUuid' | 'eventUuid' | 'topic' | 'body'
> {
  /** Inserted under the fan-out's `FreshLease` rather than due now. */
  leased?: boolean;
}

/** The lease leased fresh deliveries are inserted under. */
export interface FreshLease {
  owner: string;
  /** Epoch ms; also the rows' next_attempt_at, as for a claimed row. */
  expiresAt: number;
}

/**
 * Rows per delivery INSERT (VALUES lists; array parameters on PostgreSQL);
 * the bodies' text per statement is capped too (`TEXT_PER_STATEMENT`).
 */
export const ROWS_PER_INSERT = 200;
export const ROWS_PER_ARRAY_INSERT = 1000;

/** The parameters of `insertDeliveries`: DELIVERY_INSERT_COLUMNS per row. */
export function valuesInsertParams(
  chunk: PlannedDelivery[],
  now: number,
  leased: FreshLease | null,
): unknown[] {
  const params = chunk.flatMap((d) => {
    const own = leased !== null && d.leased === true;
    return [
      d.uuid,
      d.companyUuid,
      d.webhookUuid,
      d.eventUuid,
      d.topic,
      'PENDING',
      d.body,
      0,
      own ? leased.expiresAt : now,
      own ? leased.owner : null,
      own ? leased.expiresAt : null,
      now,
      now,
    ];
  });
  if (params.length !== chunk.length * DELIVERY_INSERT_COLUMNS.length) {
    throw new Error('delivery row and column list disagree');
  }
  return params;
}

/** The parameters of `insertDeliveriesPostgres`. */
export function arrayInsertParams(
  chunk: PlannedDelivery[],
  now: number,
  leased: FreshLease | null,
): unknown[] {
  const columns: unknown[][] = Array.from({ length: 8 }, () => []);
  const bodies = new Array<string>(chunk.length);
  for (let i = 0; i < chunk.length; i++) {
    const d = chunk[i];
    const own = leased !== null && d.leased === true;
    columns[0].push(d.uuid);
    columns[1].push(d.companyUuid);
    columns[2].push(d.webhookUuid);
    columns[3].push(d.eventUuid);
    columns[4].push(d.topic);
    columns[5].push(own ? leased.expiresAt : now);
    columns[6].push(own ? leased.owner : null);
    columns[7].push(own ? leased.expiresAt : null);
    bodies[i] = d.body;
  }
  return [now, now, ...columns.map(postgresArrayLiteral), ...bodies];
}

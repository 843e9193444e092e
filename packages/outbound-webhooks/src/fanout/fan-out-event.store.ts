import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import {
  type CompanyWebhooks,
  readCompanyWebhooks,
} from './company-webhooks.reader';
import { placeholders } from '../persistence/sql-dialect';
import { SqlExecutor } from '../persistence/sql.executor';
import {
  statementChunks,
  TEXT_PER_STATEMENT,
} from '../persistence/statement-chunks';
import { ANY_CLAIMABLE_EVENT } from './sql/any-claimable-event.sql';
import { CLAIM_EVENTS_DONE_POSTGRES } from './sql/claim-events-done.postgres.sql';
import { CLAIM_EVENTS_POSTGRES } from './sql/claim-events.postgres.sql';
import { CLAIM_EVENTS_SQLITE } from './sql/claim-events.sqlite.sql';
import {
  arrayInsertParams,
  type FreshLease,
  type PlannedDelivery,
  ROWS_PER_ARRAY_INSERT,
  ROWS_PER_INSERT,
  valuesInsertParams,
} from './delivery-insert.params';
import {
  insertDeliveries,
  insertDeliveriesPostgres,
} from './sql/insert-deliveries.sql';
import {
  LOCK_EVENTS_MYSQL,
  leaseLockedEventsMysql,
} from './sql/lock-events.mysql.sql';
import { leaseEventsAgain } from './sql/lease-events-again.sql';
import { markEventsFannedOut } from './sql/mark-events-fanned-out.sql';

/** An event claimed for fan-out, as the claim statements return it. */
export interface ClaimedEventRow {
  uuid: string;
  company_uuid: string;
  topic: string;
  payload: string;
  created_at: string | number;
}

/** RETURNING does not keep the subquery's order: oldest first again. */
function oldestFirst(rows: ClaimedEventRow[]): ClaimedEventRow[] {
  // created_at comes back as a string (bigint): converted once per row,
  // not twice per comparison.
  const keyed = rows.map((row) => ({ at: Number(row.created_at), row }));
  keyed.sort(
    (a, b) =>
      a.at - b.at ||
      (a.row.uuid < b.row.uuid ? -1 : a.row.uuid > b.row.uuid ? 1 : 0),
  );
  return keyed.map((k) => k.row);
}

/**
 * The fan-out's database side, with the statements in `./sql`: claim events
 * under a lease, read the companies' webhooks, store deliveries and mark
 * events. No method keeps a transaction open between calls.
 */
export class FanOutEventStore {
  private readonly sql: SqlExecutor;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new SqlExecutor(dataSource);
  }

  /** Claims up to `limit` of the oldest events for `leaseMs`, oldest first. */
  async claim(
    limit: number,
    now: number,
    leaseMs: number,
  ): Promise<ClaimedEventRow[]> {
    const leaseEnd = now + leaseMs;
    let rows: ClaimedEventRow[];
    if (this.sql.dialect === 'mysql') {
      rows = await this.sql.transaction(async (manager) => {
        const locked = await this.sql.run<ClaimedEventRow>(
          LOCK_EVENTS_MYSQL,
          [now, limit],
          manager,
        );
        if (locked.records.length === 0) return [];
        const uuids = locked.records.map((row) => row.uuid);
        await this.sql.run(
          leaseLockedEventsMysql(placeholders(uuids.length)),
          [leaseEnd, ...uuids],
          manager,
        );
        return locked.records;
      });
    } else {
      const statement =
        this.sql.dialect === 'postgres'
          ? CLAIM_EVENTS_POSTGRES
          : CLAIM_EVENTS_SQLITE;
      rows = (
        await this.sql.run<ClaimedEventRow>(statement, [leaseEnd, now, limit])
      ).records;
    }
    return oldestFirst(rows);
  }

  /**
   * Whether a round can claim its events inside the transaction that
   * stores their deliveries (`claimInTransaction`): PostgreSQL and MySQL.
   * SQLite runs no transaction of ours (see `SqlExecutor.transaction`).
   */
  get claimsInTransaction(): boolean {
    return this.sql.dialect !== 'sqlite';
  }

  /**
   * Whether `claimInTransaction` marks the events fanned out as it claims
   * them (PostgreSQL); on MySQL `store` marks them, in the same transaction.
   */
  get marksOnClaim(): boolean {
    return this.sql.dialect === 'postgres';
  }

  /** Whether any event awaits fan-out now (one read, no lock). */
  async anyClaimable(now: number): Promise<boolean> {
    const { records } = await this.sql.run(ANY_CLAIMABLE_EVENT, [now]);
    return records.length > 0;
  }

  /** Runs `work` in one short transaction (`SqlExecutor.transaction`). */
  transaction<T>(work: (manager?: EntityManager) => Promise<T>): Promise<T> {
    return this.sql.transaction(work);
  }

  /**
   * Claims up to `limit` of the oldest events inside `manager`'s
   * transaction, row-locked until it ends, with no lease: if it rolls back,
   * they were never taken. Needs `claimsInTransaction`.
   */
  async claimInTransaction(
    limit: number,
    now: number,
    manager: EntityManager | undefined,
  ): Promise<ClaimedEventRow[]> {
    const statement = this.marksOnClaim
      ? CLAIM_EVENTS_DONE_POSTGRES
      : LOCK_EVENTS_MYSQL;
    const { records } = await this.sql.run<ClaimedEventRow>(
      statement,
      [now, limit],
      manager,
    );
    return oldestFirst(records);
  }

  /**
   * Puts events claimed in a transaction but not fanned out back under a
   * lease ending at `leaseEnd`: they are tried again after it, as on the
   * leased path.
   */
  async leaseAgain(
    eventUuids: string[],
    leaseEnd: number,
    manager: EntityManager | undefined,
  ): Promise<void> {
    for (let i = 0; i < eventUuids.length; i += 1000) {
      const chunk = eventUuids.slice(i, i + 1000);
      await this.sql.run(
        leaseEventsAgain(placeholders(chunk.length)),
        [leaseEnd, ...chunk],
        manager,
      );
    }
  }

  /** The events' companies' webhooks (`readCompanyWebhooks`). */
  webhooksOf(
    events: ClaimedEventRow[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CompanyWebhooks> {
    return readCompanyWebhooks(events, manager);
  }

  /**
   * Whether `store` can insert leased deliveries: only where the insert
   * returns the rows it added (PostgreSQL), since a skipped duplicate must
   * never be sent as if it were leased.
   */
  get insertsLeased(): boolean {
    return this.sql.dialect === 'postgres';
  }

  /**
   * Inserts the deliveries then marks their events, in one short
   * transaction on PostgreSQL/MySQL (statement by statement on SQLite, where
   * a repeated run is a no-op thanks to the unique index), or in `manager`'s
   * when given. Deliveries marked `leased` are inserted under `lease` (needs
   * `insertsLeased`); returns the uuids of those actually inserted (not
   * skipped as duplicates).
   */
  async store(
    deliveries: PlannedDelivery[],
    eventUuids: string[],
    now: number,
    lease?: FreshLease,
    manager?: EntityManager,
  ): Promise<Set<string>> {
    if (manager) {
      return this.storeIn(deliveries, eventUuids, now, lease, manager);
    }
    return this.sql.transaction((own) =>
      this.storeIn(deliveries, eventUuids, now, lease, own),
    );
  }

  private async storeIn(
    deliveries: PlannedDelivery[],
    eventUuids: string[],
    now: number,
    lease: FreshLease | undefined,
    manager: EntityManager | undefined,
  ): Promise<Set<string>> {
    const leasedInserted = new Set<string>();
    const postgres = this.sql.dialect === 'postgres';
    // TODO(#3): on MySQL/MariaDB a body larger than max_allowed_packet is
    // never stored, so its event waits under lease for good (logged each
    // time) — record such a delivery FAILED with the reason instead.
    const chunks = statementChunks(
      deliveries,
      postgres ? ROWS_PER_ARRAY_INSERT : ROWS_PER_INSERT,
      TEXT_PER_STATEMENT,
      (delivery) => delivery.body.length,
    );
    for (const chunk of chunks) {
      const leased = lease && chunk.some((d) => d.leased) ? lease : null;
      const result = postgres
        ? await this.sql.run<{ uuid: string }>(
            insertDeliveriesPostgres(chunk.length),
            arrayInsertParams(chunk, now, leased),
            manager,
          )
        : await this.sql.run<{ uuid: string }>(
            insertDeliveries(chunk.length, this.sql.dialect),
            valuesInsertParams(chunk, now, leased),
            manager,
          );
      if (leased) {
        for (const row of result.records) leasedInserted.add(row.uuid);
        for (const d of chunk) if (!d.leased) leasedInserted.delete(d.uuid);
      }
    }
    for (let i = 0; i < eventUuids.length; i += 1000) {
      const chunk = eventUuids.slice(i, i + 1000);
      await this.sql.run(
        markEventsFannedOut(placeholders(chunk.length)),
        chunk,
        manager,
      );
    }
    return leasedInserted;
  }
}

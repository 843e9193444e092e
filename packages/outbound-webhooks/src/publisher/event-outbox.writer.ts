import type { EntityManager } from 'typeorm';
import type { SqlExecutor } from '../persistence/sql.executor';
import {
  statementChunks,
  TEXT_PER_STATEMENT,
} from '../persistence/statement-chunks';
import type { EventRow } from './event-row.builder';
import type { PublishResult } from './publish-input.interface';
import { EVENT_INSERT_COLUMNS, insertEvents } from './sql/insert-events.sql';
import {
  LOCK_EVENT_BY_IDEMPOTENCY_KEY_MYSQL,
  SELECT_EVENT_BY_IDEMPOTENCY_KEY,
} from './sql/select-event-by-idempotency-key.sql';

/** Rows per INSERT statement (11 parameters each, far below every limit). */
const ROWS_PER_INSERT = 500;

/**
 * Writes a publish call's event rows to the outbox (`webhook_events`), in
 * the caller's transaction when it passes one.
 */
export class EventOutboxWriter {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Skips the whole call when its idempotency key is stored already (a
   * read in the same transaction), then inserts with conflicts ignored, so
   * a concurrent duplicate never aborts the caller's transaction.
   */
  async insert(
    rows: EventRow[],
    manager?: EntityManager,
  ): Promise<PublishResult> {
    const first = rows[0];
    if (first.idempotencyKey !== null) {
      const existing = await this.existing(first, manager);
      if (existing) return existing;
    }
    const chunks = statementChunks(
      rows,
      ROWS_PER_INSERT,
      TEXT_PER_STATEMENT,
      (row) => row.payload.length,
    );
    for (const chunk of chunks) {
      const params = chunk.flatMap((row) => [
        row.uuid,
        row.companyUuid,
        row.topic,
        row.eventType,
        row.objectName,
        row.recordUuid,
        row.payload,
        row.idempotencyKey,
        row.correlationId,
        row.occurredAt,
        row.createdAt,
      ]);
      if (params.length !== chunk.length * EVENT_INSERT_COLUMNS.length) {
        throw new Error('event row and column list disagree');
      }
      await this.sql.run(
        insertEvents(chunk.length, this.sql.dialect),
        params,
        manager,
      );
    }
    if (first.idempotencyKey !== null) {
      const stored = await this.existing(first, manager, true);
      if (stored && stored.eventUuids[0] !== first.uuid) return stored;
    }
    return {
      eventUuids: rows.map((row) => row.uuid),
      topics: rows.map((row) => row.topic),
      duplicate: false,
    };
  }

  private async existing(
    first: EventRow,
    manager?: EntityManager,
    afterInsert = false,
  ): Promise<PublishResult | null> {
    const found = await this.sql.run<{ uuid: string; topic: string }>(
      afterInsert && this.sql.dialect === 'mysql'
        ? LOCK_EVENT_BY_IDEMPOTENCY_KEY_MYSQL
        : SELECT_EVENT_BY_IDEMPOTENCY_KEY,
      [first.companyUuid, first.idempotencyKey],
      manager,
    );
    const row = found.records[0];
    return row
      ? { eventUuids: [row.uuid], topics: [row.topic], duplicate: true }
      : null;
  }
}

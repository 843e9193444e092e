import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { DeliveryOutcome } from '../delivery/delivery-outcome.interface';
import { groupBy } from '../collections/group-by';
import { WEBHOOKS_DATA_SOURCE } from '../webhooks.constants';
import { completeSucceededDeliveries } from './sql/complete-succeeded-deliveries.sql';
import { insertAttempts } from './sql/insert-attempts.sql';
import { RECORD_FAILED_ATTEMPT } from './sql/record-failed-attempt.sql';
import { releaseDeliveries } from './sql/release-deliveries.sql';
import { setLockTimeoutPostgres } from './sql/set-lock-timeout.postgres.sql';
import { placeholders } from './sql-dialect';
import { attemptRow, clip, ERROR_MAX, outcomeText } from './attempt-row';
import { SettledOutcomesWriter } from './settled-outcomes.writer';
import { SqlExecutor } from './sql.executor';
import { statementChunks, TEXT_PER_STATEMENT } from './statement-chunks';
import { WebhookHealthWriter } from './webhook-health.writer';
import type { DisabledWebhook } from './webhook-health.writer';

/** Rows per multi-row INSERT (well under every driver's parameter limit). */
const INSERT_CHUNK = 200;

/** The longest an outcome write waits for a row lock (PostgreSQL). */
export const MAX_LOCK_WAIT_MS = 5_000;

/** What one batch write did. */
export interface OutcomeWriteReport {
  /** Delivery uuids whose row change took effect (lease still held). */
  applied: Set<string>;
  disabledWebhooks: DisabledWebhook[];
}

/** Outcomes with no failure in them need no webhook-health transaction. */
function allSettled(outcomes: DeliveryOutcome[]): boolean {
  for (const o of outcomes) {
    if (o.verdict !== 'SUCCEEDED' && o.verdict !== 'RELEASED') return false;
  }
  return true;
}

/**
 * Writes the bookkeeping of a batch of attempts. On PostgreSQL a batch of
 * only successes and hand-backs (the common case) is one statement, no
 * transaction (`record-settled-outcomes`). Otherwise one short transaction:
 * every attempt in one multi-row INSERT, successes grouped into one UPDATE
 * per lease, one UPDATE per failure (each has its own retry time), then the
 * webhooks' failure clock, 410 and auto-disable, and the cancellation of a
 * disabled webhook's pending deliveries. Rows are touched in uuid order to
 * keep concurrent dispatchers from deadlocking.
 */
@Injectable()
export class DeliveryOutcomeWriter {
  private readonly sql: SqlExecutor;
  private readonly health: WebhookHealthWriter;
  private readonly settled: SettledOutcomesWriter;

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    this.sql = new SqlExecutor(dataSource);
    this.health = new WebhookHealthWriter(this.sql);
    this.settled = new SettledOutcomesWriter(this.sql);
  }

  /**
   * Writes a batch; `autoDisableAfterMs` is the no-success window. On
   * PostgreSQL a row lock held elsewhere fails the write after
   * `lockTimeoutMs` (MySQL: the server's `innodb_lock_wait_timeout`).
   */
  write(
    outcomes: DeliveryOutcome[],
    now: number,
    autoDisableAfterMs: number,
    lockTimeoutMs = MAX_LOCK_WAIT_MS,
  ): Promise<OutcomeWriteReport> {
    const sorted = [...outcomes].sort((a, b) =>
      a.delivery.uuid < b.delivery.uuid ? -1 : 1,
    );
    if (this.sql.dialect === 'postgres' && allSettled(sorted)) {
      return this.settled.write(sorted, now);
    }
    return this.sql.transaction(async (manager) => {
      const report: OutcomeWriteReport = {
        applied: new Set(),
        disabledWebhooks: [],
      };
      if (this.sql.dialect === 'postgres') {
        await this.sql.run(setLockTimeoutPostgres(lockTimeoutMs), [], manager);
      }
      await this.insertAttempts(sorted, manager);
      await this.releaseUnsent(sorted, now, report, manager);
      await this.completeSucceeded(sorted, now, report, manager);
      await this.recordFailures(sorted, now, report, manager);
      report.disabledWebhooks = await this.health.update(
        sorted,
        now,
        autoDisableAfterMs,
        manager,
      );
      return report;
    });
  }

  private async insertAttempts(
    outcomes: DeliveryOutcome[],
    manager?: EntityManager,
  ): Promise<void> {
    const attempted = outcomes.filter((outcome) => outcome.result);
    const chunks = statementChunks(
      attempted,
      INSERT_CHUNK,
      TEXT_PER_STATEMENT,
      outcomeText,
    );
    for (const chunk of chunks) {
      await this.sql.run(
        insertAttempts(chunk.length),
        chunk.flatMap((outcome) => attemptRow(outcome, 1, 0)),
        manager,
      );
    }
  }

  private async releaseUnsent(
    outcomes: DeliveryOutcome[],
    now: number,
    report: OutcomeWriteReport,
    manager?: EntityManager,
  ): Promise<void> {
    const released = outcomes.filter((o) => o.verdict === 'RELEASED');
    for (const [owner, group] of groupBy(
      released,
      (o) => o.delivery.leaseOwner,
    )) {
      const uuids = group.map((o) => o.delivery.uuid);
      const result = await this.sql.run(
        releaseDeliveries(placeholders(uuids.length)),
        [now, now, owner, ...uuids],
        manager,
      );
      if (result.affected === uuids.length) {
        for (const uuid of uuids) report.applied.add(uuid);
      }
    }
  }

  private async completeSucceeded(
    outcomes: DeliveryOutcome[],
    now: number,
    report: OutcomeWriteReport,
    manager?: EntityManager,
  ): Promise<void> {
    const succeeded = outcomes.filter((o) => o.verdict === 'SUCCEEDED');
    const groups = groupBy(
      succeeded,
      (o) => `${o.delivery.leaseOwner} ${o.result?.statusCode ?? ''}`,
    );
    for (const group of groups.values()) {
      const uuids = group.map((o) => o.delivery.uuid);
      const result = await this.sql.run(
        completeSucceededDeliveries(placeholders(uuids.length)),
        [
          group[0].result?.statusCode ?? null,
          now,
          now,
          group[0].delivery.leaseOwner,
          ...uuids,
        ],
        manager,
      );
      if (result.affected === uuids.length) {
        for (const uuid of uuids) report.applied.add(uuid);
      }
    }
  }

  private async recordFailures(
    outcomes: DeliveryOutcome[],
    now: number,
    report: OutcomeWriteReport,
    manager?: EntityManager,
  ): Promise<void> {
    for (const outcome of outcomes) {
      if (!['RETRY', 'FAILED', 'GONE'].includes(outcome.verdict)) continue;
      const result = await this.sql.run(
        RECORD_FAILED_ATTEMPT,
        [
          outcome.verdict === 'RETRY' ? 'PENDING' : 'FAILED',
          outcome.nextAttemptAt ?? now,
          outcome.result?.statusCode ?? null,
          clip(outcome.lastError, ERROR_MAX),
          now,
          outcome.delivery.uuid,
          outcome.delivery.leaseOwner,
        ],
        manager,
      );
      if (result.affected === 1) report.applied.add(outcome.delivery.uuid);
    }
  }
}

import type { DeliveryOutcome } from '../delivery/delivery-outcome.interface';
import { errorMessage } from '../errors/error-message';
import { attemptRow, outcomeText } from './attempt-row';
import type { OutcomeWriteReport } from './delivery-outcome.writer';
import { postgresArrayLiteral } from './postgres-array.literal';
import { RECORD_SETTLED_OUTCOMES_POSTGRES } from './sql/record-settled-outcomes.postgres.sql';
import type { SqlExecutor } from './sql.executor';
import { statementChunks, TEXT_PER_STATEMENT } from './statement-chunks';

/** Tries of the single-statement write when PostgreSQL reports a deadlock. */
const SETTLED_TRIES = 4;

function isDeadlock(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '40P01'
  );
}

/**
 * A batch write failed after some of its statements took effect: written
 * again, those attempts would be on record twice, so none is.
 */
export class PartialOutcomeWriteError extends Error {
  constructor(cause: unknown) {
    super(
      `a later statement of the batch failed, earlier ones took effect: ` +
        errorMessage(cause),
      { cause },
    );
  }
}

/**
 * PostgreSQL, a batch of successes and hand-backs only (the common case):
 * each delivery's row and its attempt in one statement, no transaction
 * (`record-settled-outcomes`).
 */
export class SettledOutcomesWriter {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * `writeOne` in as many statements as the response bodies need: each
   * outcome's delivery and attempt are still written by one statement.
   */
  async write(
    outcomes: DeliveryOutcome[],
    now: number,
  ): Promise<OutcomeWriteReport> {
    const chunks = statementChunks(
      outcomes,
      outcomes.length,
      TEXT_PER_STATEMENT,
      outcomeText,
    );
    if (chunks.length === 1) return this.writeOne(outcomes, now);
    const report: OutcomeWriteReport = {
      applied: new Set(),
      disabledWebhooks: [],
    };
    for (const [index, chunk] of chunks.entries()) {
      try {
        const { applied } = await this.writeOne(chunk, now);
        for (const uuid of applied) report.applied.add(uuid);
      } catch (error) {
        if (index === 0) throw error;
        throw new PartialOutcomeWriteError(error);
      }
    }
    return report;
  }

  /** PostgreSQL, successes and hand-backs only: one statement. */
  private async writeOne(
    outcomes: DeliveryOutcome[],
    now: number,
  ): Promise<OutcomeWriteReport> {
    const input: unknown[][] = [[], [], [], [], [], [], [], [], []];
    const attempts: unknown[][] = Array.from({ length: 12 }, () => []);
    const healthy = new Set<string>();
    for (const outcome of outcomes) {
      const { delivery, result } = outcome;
      const released = outcome.verdict === 'RELEASED';
      const row = [
        delivery.uuid,
        delivery.leaseOwner,
        released ? null : 'SUCCEEDED',
        released ? 0 : 1,
        released ? now : null,
        result?.statusCode ?? null,
        null,
        !released,
        released,
      ];
      for (let c = 0; c < row.length; c++) input[c].push(row[c]);
      if (!result) continue;
      const attempt = attemptRow(outcome, true, false);
      for (let c = 0; c < attempt.length; c++) attempts[c].push(attempt[c]);
      if (!released) healthy.add(delivery.webhookUuid);
    }
    const params = [
      ...input.map(postgresArrayLiteral),
      ...attempts.map(postgresArrayLiteral),
      postgresArrayLiteral([...healthy].sort()),
      now,
      now,
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.sql.run<{ uuid: string }>(
          RECORD_SETTLED_OUTCOMES_POSTGRES,
          params,
        );
        return {
          applied: new Set(result.records.map((row) => row.uuid)),
          disabledWebhooks: [],
        };
      } catch (error) {
        if (attempt >= SETTLED_TRIES || !isDeadlock(error)) throw error;
      }
    }
  }
}

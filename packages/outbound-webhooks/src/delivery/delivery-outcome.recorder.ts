import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import {
  DeliveryOutcomeWriter,
  MAX_LOCK_WAIT_MS,
} from '../persistence/delivery-outcome.writer';
import type { OutcomeWriteReport } from '../persistence/delivery-outcome.writer';
import { PartialOutcomeWriteError } from '../persistence/settled-outcomes.writer';
import { groupBy } from '../collections/group-by';
import { errorMessage } from '../errors/error-message';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import type { DeliveryOutcome } from './delivery-outcome.interface';

/** Told once an outcome is written (`error` null) or failed to be. */
export type OutcomeWritten = (error: Error | null, applied: boolean) => void;

interface Pending {
  outcome: DeliveryOutcome;
  written: OutcomeWritten;
}

/** How long a small batch waits for company before it is written. */
const GATHER_MS = 2;

/**
 * How long a write waits for a row lock held elsewhere (PostgreSQL): well
 * inside the lease, at most MAX_LOCK_WAIT_MS.
 */
function lockTimeoutMs(leaseMs: number): number {
  return Math.max(100, Math.min(MAX_LOCK_WAIT_MS, Math.floor(leaseMs / 4)));
}

/** Whether `work` settles within `ms` (it is never rejected here). */
async function settlesWithin(
  work: Promise<void>,
  ms: number,
): Promise<boolean> {
  if (ms === Infinity) {
    await work;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Group commit for attempt bookkeeping: outcomes that arrive while a write
 * is running are queued and written together by the next one, so a busy
 * dispatcher pays one short write per batch instead of several statements
 * per delivery. A write starts once `batchSize` outcomes wait or a couple
 * of milliseconds after the first one; `waiting` lets the dispatcher stop
 * claiming while too much is unwritten.
 */
@Injectable()
export class DeliveryOutcomeRecorder {
  private readonly logger = new Logger(DeliveryOutcomeRecorder.name);
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private inWrite = 0;
  private wakeGather: (() => void) | null = null;

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly writer: DeliveryOutcomeWriter,
  ) {}

  /**
   * Queues an outcome; resolves once written, with whether this process
   * still held the lease (false: someone else took over, nothing changed
   * on the delivery but the attempt is on record).
   */
  record(outcome: DeliveryOutcome): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.enqueue(outcome, (error, applied) => {
        if (error === null) resolve(applied);
        else reject(error);
      });
    });
  }

  /**
   * Like `record`, with a callback instead of a promise: the dispatcher
   * queues every attempt's outcome and passes one shared callback, so an
   * attempt costs no promise here.
   */
  enqueue(outcome: DeliveryOutcome, written: OutcomeWritten): void {
    this.queue.push({ outcome, written });
    if (!this.writing) this.writing = this.drainQueue();
    else if (this.queue.length >= this.options.batchSize) {
      this.wakeGather?.();
    }
  }

  /** Outcomes queued or being written, not yet on record. */
  get waiting(): number {
    return this.queue.length + this.inWrite;
  }

  /**
   * Resolves true when everything queued so far is written, or false once
   * `timeoutMs` passed first (a write waiting on the database: what it
   * holds is sent again after the lease).
   */
  async flushed(timeoutMs = Infinity): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.writing) {
      this.wakeGather?.();
      const left = deadline - Date.now();
      if (left <= 0 || !(await settlesWithin(this.writing, left))) {
        return false;
      }
    }
    return true;
  }

  /** Waits up to GATHER_MS (less when the batch fills) for more outcomes. */
  private gather(): Promise<void> {
    if (this.queue.length >= this.options.batchSize) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeGather = null;
        resolve();
      };
      const timer = setTimeout(done, GATHER_MS);
      this.wakeGather = done;
    });
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length > 0) {
      await this.gather();
      const batch = this.queue.splice(0, this.options.batchSize);
      this.inWrite = batch.length;
      try {
        await this.writeBatch(batch);
      } catch (error) {
        // One webhook's write may be what failed (its row locked by a
        // host's transaction): the others' outcomes are written apart.
        const byWebhook = [
          ...groupBy(batch, (p) => p.outcome.delivery.webhookUuid).values(),
        ];
        if (
          byWebhook.length === 1 ||
          error instanceof PartialOutcomeWriteError
        ) {
          this.failed(batch, error);
        } else {
          await this.writeEachWebhook(byWebhook);
        }
      }
      this.inWrite = 0;
    }
    this.writing = null;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const report = await this.writer.write(
      batch.map((p) => p.outcome),
      Date.now(),
      this.options.autoDisableAfterMs,
      lockTimeoutMs(this.options.leaseMs),
    );
    this.log(report, batch);
    for (const p of batch) {
      p.written(null, report.applied.has(p.outcome.delivery.uuid));
    }
  }

  private async writeEachWebhook(groups: Pending[][]): Promise<void> {
    for (const group of groups) {
      try {
        await this.writeBatch(group);
      } catch (error) {
        this.failed(group, error);
      }
    }
  }

  private failed(batch: Pending[], error: unknown): void {
    this.logger.error(
      `recording ${batch.length} attempts failed; their deliveries are ` +
        `retried after the lease: ${errorMessage(error)}`,
    );
    const failure =
      error instanceof Error ? error : new Error(errorMessage(error));
    for (const p of batch) p.written(failure, false);
  }

  private log(report: OutcomeWriteReport, batch: Pending[]): void {
    for (const webhook of report.disabledWebhooks) {
      this.logger.warn(`webhook ${webhook.uuid} disabled: ${webhook.reason}`);
    }
    let succeeded = 0;
    for (const { outcome } of batch) {
      if (
        outcome.verdict === 'SUCCEEDED' &&
        report.applied.has(outcome.delivery.uuid)
      ) {
        succeeded++;
      }
      if (outcome.verdict === 'FAILED') {
        this.logger.warn(
          `delivery ${outcome.delivery.uuid} (${outcome.delivery.topic}) ` +
            `FAILED after ${outcome.attemptNumber} attempts: ` +
            `${outcome.lastError ?? ''}`,
        );
      }
    }
    this.logger.debug(
      `recorded ${report.applied.size} of ${batch.length} attempt ` +
        `outcome(s), ${succeeded} succeeded`,
    );
    const lost = batch.length - report.applied.size;
    if (lost > 0) {
      this.logger.debug(`${lost} outcomes arrived after their lease moved on`);
    }
  }
}

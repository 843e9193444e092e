import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { DeliveryOutcomeWriter } from '../persistence/delivery-outcome.writer';
import type { OutcomeWriteReport } from '../persistence/delivery-outcome.writer';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import type { DeliveryOutcome } from './delivery-outcome.interface';

interface Pending {
  outcome: DeliveryOutcome;
  resolve: (applied: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for attempt bookkeeping: outcomes that arrive while a write
 * is running are queued and written together by the next one, so a busy
 * dispatcher pays one short transaction per batch instead of several
 * statements per delivery. Uses no timers.
 */
@Injectable()
export class DeliveryOutcomeRecorder {
  private readonly logger = new Logger(DeliveryOutcomeRecorder.name);
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;

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
      this.queue.push({ outcome, resolve, reject });
      if (!this.writing) this.writing = this.drainQueue();
    });
  }

  /** Resolves when everything queued so far is written. */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drainQueue(): Promise<void> {
    // Let outcomes that finish in the same turn join this batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const report = await this.writer.write(
          batch.map((p) => p.outcome),
          Date.now(),
          this.options.autoDisableAfterMs,
        );
        this.log(report, batch);
        for (const p of batch) {
          p.resolve(report.applied.has(p.outcome.delivery.uuid));
        }
      } catch (error) {
        this.logger.error(
          `recording ${batch.length} attempts failed; their deliveries are retried after the lease: ${error instanceof Error ? error.message : String(error)}`,
        );
        for (const p of batch) p.reject(error);
      }
    }
    this.writing = null;
  }

  private log(report: OutcomeWriteReport, batch: Pending[]): void {
    for (const webhook of report.disabledWebhooks) {
      this.logger.warn(`webhook ${webhook.uuid} disabled: ${webhook.reason}`);
    }
    for (const { outcome } of batch) {
      if (outcome.verdict === 'FAILED') {
        this.logger.warn(
          `delivery ${outcome.delivery.uuid} (${outcome.delivery.topic}) FAILED after ${outcome.attemptNumber} attempts: ${outcome.lastError ?? ''}`,
        );
      }
    }
    const lost = batch.length - report.applied.size;
    if (lost > 0) {
      this.logger.debug(`${lost} outcomes arrived after their lease moved on`);
    }
  }
}

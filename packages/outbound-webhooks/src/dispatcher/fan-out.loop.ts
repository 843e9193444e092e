import type { Logger } from '@nestjs/common';
import { errorMessage } from '../errors/error-message';
import type { WebhookFanOutService } from '../fanout/webhook-fan-out.service';

/**
 * Runs the fan-out (new outbox events → deliveries) beside the claim loop,
 * so a large batch of new events never holds up deliveries already due.
 * A round fans out up to `batchSize` events; rounds repeat while full
 * batches come back, and each round that completed events calls
 * `onFannedOut` so the new deliveries are claimed at once. Never rejects;
 * a failed round waits for the next `kick`.
 */
export class FanOutLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly fanOut: WebhookFanOutService,
    private readonly batchSize: number,
    private readonly onFannedOut: () => void,
    private readonly logger: Logger,
  ) {}

  /** Asks for a round now (after the running one, if any). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.rounds().finally(() => {
      this.running = null;
    });
  }

  /** Starts no further round and waits for the running one. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async rounds(): Promise<void> {
    do {
      this.again = false;
      try {
        const done = await this.fanOut.fanOutPending(this.batchSize);
        if (done > 0) this.onFannedOut();
        if (done >= this.batchSize) this.again = true;
      } catch (error) {
        this.logger.error(
          `fan-out failed; retrying on the next poll: ${errorMessage(error)}`,
        );
      }
    } while (this.again && !this.stopped);
  }
}

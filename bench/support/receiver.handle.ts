import { ChildHandle } from './child.handle';
import type { ProcessUsage } from './ipc';

/** What the receiver saw since its last reset. */
export interface ReceiverStats extends ProcessUsage {
  count: number;
  /** Distinct `webhook-id` headers. */
  unique: number;
  firstAtMs: number;
  lastAtMs: number;
}

/** Parent side of the receiver process. */
export class ReceiverHandle {
  private constructor(
    private readonly child: ChildHandle,
    readonly port: number,
  ) {}

  static async start(): Promise<ReceiverHandle> {
    const child = new ChildHandle('receiver', 'support/receiver.process.ts');
    const port = await child.waitForMessage<number>('listening');
    return new ReceiverHandle(child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  reset(): Promise<void> {
    return this.child.request('reset');
  }

  stats(): Promise<ReceiverStats> {
    return this.child.request('stats');
  }

  latencies(): Promise<number[]> {
    return this.child.request('latencies');
  }

  /**
   * Polls until `count` requests arrived (resolves with the stats), or
   * rejects after `timeoutMs` or when `failed()` reports a crash.
   */
  async waitFor(
    count: number,
    timeoutMs: number,
    failed: () => boolean = () => false,
  ): Promise<ReceiverStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await this.stats();
      if (stats.count >= count) return stats;
      if (failed()) {
        throw new Error(
          `a worker process died after ${stats.count}/${count} requests`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${timeoutMs} ms with ${stats.count}/${count} requests received`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<number> {
    return this.child.close(5_000);
  }
}

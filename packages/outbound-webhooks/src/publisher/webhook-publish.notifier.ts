import { Injectable } from '@nestjs/common';

/** Called after events were written (and committed, when we can tell). */
export type PublishListener = () => void;

/**
 * A same-process wake-up signal: the publisher calls `notify()` after it
 * wrote events, so a dispatcher in this process can poll early instead of
 * waiting for its next interval. Purely an optimisation: missing a signal
 * only delays delivery until the next poll.
 */
@Injectable()
export class WebhookPublishNotifier {
  private readonly listeners = new Set<PublishListener>();

  /** Subscribes; returns a function that unsubscribes. */
  onPublish(listener: PublishListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells every listener that new events may be waiting. Never throws. */
  notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure must not fail the host's publish.
      }
    }
  }
}

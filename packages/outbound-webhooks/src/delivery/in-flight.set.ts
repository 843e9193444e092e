/** One running attempt and the switch that aborts it. */
interface InFlightEntry {
  promise: Promise<unknown>;
  controller: AbortController;
}

/**
 * The attempts a component has running, so shutdown can wait for them (up
 * to a timeout) and abort the rest.
 */
export class InFlightSet {
  private readonly entries = new Set<InFlightEntry>();

  get size(): number {
    return this.entries.size;
  }

  /** Tracks `run(signal)` until it settles; returns its promise. */
  track<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const promise = run(controller.signal);
    const entry: InFlightEntry = { promise, controller };
    this.entries.add(entry);
    const forget = () => this.entries.delete(entry);
    promise.then(forget, forget);
    return promise;
  }

  /** Waits until all settled or `timeoutMs` passed; true when all settled. */
  async settled(timeoutMs: number): Promise<boolean> {
    if (this.entries.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const all = Promise.allSettled(
      [...this.entries].map((e) => e.promise),
    ).then(() => true);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Aborts every running attempt and waits for them to settle. */
  async abortAll(): Promise<void> {
    const entries = [...this.entries];
    for (const entry of entries) entry.controller.abort();
    await Promise.allSettled(entries.map((e) => e.promise));
  }
}

/**
 * The attempts a component has running, so shutdown can wait for them (up
 * to a timeout) and abort the rest. Every attempt gets the same signal:
 * shutdown aborts them all at once, and one signal costs the HTTP client
 * one listener instead of one controller and listener per attempt.
 */
export class InFlightSet {
  private readonly promises = new Set<Promise<unknown>>();
  private controller = new AbortController();

  get size(): number {
    return this.promises.size;
  }

  /**
   * Tracks `run(signal)` until it settles; returns its promise. `settled`
   * runs once it is no longer counted (a slot is free), without the extra
   * promises a `.finally()` on the result would cost.
   */
  track<T>(
    run: (signal: AbortSignal) => Promise<T>,
    settled?: () => void,
  ): Promise<T> {
    const promise = run(this.controller.signal);
    this.promises.add(promise);
    const forget = () => {
      this.promises.delete(promise);
      settled?.();
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Waits until all settled or `timeoutMs` passed; true when all settled. */
  async settled(timeoutMs: number): Promise<boolean> {
    if (this.promises.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const all = Promise.allSettled([...this.promises]).then(() => true);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Aborts every running attempt and waits for them to settle. */
  async abortAll(): Promise<void> {
    const running = [...this.promises];
    const controller = this.controller;
    // Attempts started from now on get a fresh, unaborted signal.
    this.controller = new AbortController();
    controller.abort();
    await Promise.allSettled(running);
  }
}

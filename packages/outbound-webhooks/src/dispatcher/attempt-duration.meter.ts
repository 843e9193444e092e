/** Weight of the newest attempt in the moving average. */
const WEIGHT = 1 / 32;

/**
 * A moving average of how long an attempt holds its slot. With every slot
 * busy this is, by Little's law, `concurrency` over the rate the slots
 * actually start deliveries (receiver, network and this process's CPU
 * included); with slots idling for want of work it is the receiver's own
 * time, so the estimate never sinks because claims were slow.
 */
export class AttemptDurationMeter {
  private averageMs: number | undefined;

  /** An attempt held its slot for `ms` milliseconds. */
  add(ms: number): void {
    this.averageMs =
      this.averageMs === undefined
        ? ms
        : this.averageMs + (ms - this.averageMs) * WEIGHT;
  }

  /**
   * How many deliveries `slots` slots start in `windowMs`, taking attempts
   * to last at least `atLeastMs`; `undefined` before any attempt has ended.
   */
  startsWithin(
    windowMs: number,
    slots: number,
    atLeastMs = 0,
  ): number | undefined {
    if (this.averageMs === undefined) return undefined;
    return (slots * windowMs) / Math.max(this.averageMs, atLeastMs, 0.01);
  }
}

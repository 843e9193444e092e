/**
 * Counts the deliveries a dispatcher started per window of `windowMs`: the
 * last whole window's count, or the running one's when higher, so a rising
 * rate shows at once and a stall shows after two windows.
 */
export class StartRateMeter {
  private windowStart = 0;
  private current = 0;
  private previous = 0;

  constructor(private readonly windowMs: number) {}

  /** `count` deliveries started at `now` (epoch ms). */
  add(now: number, count: number): void {
    this.roll(now);
    this.current += count;
  }

  /** Deliveries started per window, as of `now`. */
  perWindow(now: number): number {
    this.roll(now);
    return Math.max(this.previous, this.current);
  }

  private roll(now: number): void {
    const elapsed = now - this.windowStart;
    if (elapsed < this.windowMs) return;
    this.previous = elapsed < 2 * this.windowMs ? this.current : 0;
    this.current = 0;
    this.windowStart = now;
  }
}

/**
 * Runs an async round now and then, never two at once: a round asked for
 * while one runs starts right after it (several such asks make one round),
 * and a round may ask for the next itself by returning true. Never
 * rejects; a failing round goes to `onError` and the next ask runs again.
 */
export class SerialRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly round: () => Promise<boolean>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Asks for a round now (after the running one, if any). */
  request(): void {
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
        if (await this.round()) this.again = true;
      } catch (error) {
        this.onError(error);
      }
    } while (this.again && !this.stopped);
  }
}

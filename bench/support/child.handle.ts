import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { compiledScript } from './compile-bench';
import type { IpcReply, IpcRequest } from './ipc';

/**
 * Parent side: a forked TypeScript child with request/reply over IPC. The
 * child's unexpected exit rejects every pending request.
 */
export class ChildHandle {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly child: ChildProcess;
  private readonly listeners = new Set<(message: unknown) => void>();
  private exitCode: number | null = null;
  private readonly exited: Promise<number>;

  /** `script` is relative to bench/, e.g. `workers/raw-http.worker.ts`. */
  constructor(
    readonly label: string,
    script: string,
    env: Record<string, string> = {},
    extraExecArgv: string[] = [],
  ) {
    this.child = fork(compiledScript(script), [], {
      execArgv: extraExecArgv,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: IpcReply) => {
      if (message.replyTo === undefined) {
        for (const listener of this.listeners) listener(message);
        return;
      }
      const entry = this.pending.get(message.replyTo);
      if (!entry) return;
      this.pending.delete(message.replyTo);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new Error(`${label}: ${message.error}`));
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? 128 : 0);
        for (const entry of this.pending.values()) {
          entry.reject(
            new Error(
              `${label} exited (code ${code}, signal ${signal}) during a request`,
            ),
          );
        }
        this.pending.clear();
        resolve(this.exitCode);
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** True while the child runs. */
  get alive(): boolean {
    return this.exitCode === null;
  }

  /** Waits for the first unsolicited message that has `key`. */
  waitForMessage<T>(key: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`${this.label}: no "${key}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: unknown): void => {
        if (message && typeof message === 'object' && key in message) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          resolve((message as Record<string, T>)[key]);
        }
      };
      this.listeners.add(listener);
    });
  }

  /** Sends a request; rejects if unanswered within `timeoutMs`. */
  request<T>(type: string, payload?: unknown, timeoutMs = 120_000): Promise<T> {
    if (!this.alive) {
      return Promise.reject(new Error(`${this.label} is not running`));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(`${this.label}: no answer to "${type}" in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ id, type, payload } satisfies IpcRequest);
    });
  }

  /** Closes the channel and waits for the child to end (kills it after `ms`). */
  async close(ms = 15_000): Promise<number> {
    if (this.alive && this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

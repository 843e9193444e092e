import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The settings the demo starts the sample app with. */
export interface DemoAppEnv {
  databaseUrl: string;
  pollIntervalMs: number;
}

/**
 * The sample app (`dist/main.js`) in a child process, as `npm start` runs
 * it, on a free port. Its output is kept to be shown if something fails.
 */
export class DemoAppProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  /** Starts the app and resolves with its base URL once it listens. */
  async start(env: DemoAppEnv, timeoutMs = 60_000): Promise<string> {
    const child = spawn(process.execPath, [join(__dirname, '..', 'main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: env.databaseUrl,
        WEBHOOKS_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128',
        WEBHOOKS_POLL_INTERVAL_MS: String(env.pollIntervalMs),
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`the sample app did not start within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.output.push(...text.split('\n').filter((l) => l.length > 0));
        const match = /listening on http:\/\/localhost:(\d+)/.exec(text);
        if (match) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${match[1]}`);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(`the sample app exited with code ${code} before listening`),
        );
      });
    });
  }

  /** SIGTERM (graceful shutdown), then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => resolve()),
    );
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

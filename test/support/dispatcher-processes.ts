import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';

const SCRIPT = join(__dirname, 'dispatcher-process.ts');

/** A dispatcher running in a child process of its own. */
export interface DispatcherProcess {
  child: ChildProcess;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string | null>;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts `dispatcher-process.ts` under ts-node and resolves once its app
 * has bootstrapped. Its stderr is forwarded for diagnosis.
 */
export async function startDispatcherProcess(
  database: DataSourceOptions,
  webhooks: WebhooksModuleOptions,
  startTimeoutMs = 60_000,
): Promise<DispatcherProcess> {
  const child = fork(SCRIPT, [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: {
      ...process.env,
      TS_NODE_TRANSPILE_ONLY: 'true',
      DISPATCHER_DB_OPTIONS: JSON.stringify(database),
      DISPATCHER_WEBHOOKS_OPTIONS: JSON.stringify(webhooks),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error('dispatcher process did not start in time')),
        startTimeoutMs,
      );
      child.once('message', () => resolve());
      void exited.then((how) =>
        reject(new Error(`dispatcher process exited early (${how})`)),
      );
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    await exited;
  };
  return {
    child,
    exited,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

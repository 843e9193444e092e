import { readFileSync } from 'node:fs';

/** A request from the parent. */
export interface IpcRequest {
  id: number;
  type: string;
  payload?: unknown;
}

/** A child's answer to one request. */
export interface IpcReply {
  replyTo: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Handlers a child process serves; each returns the reply value. */
export type IpcHandlers = Record<string, (payload: any) => unknown>;

/**
 * Child side: answers the parent's requests with `handlers`. A handler that
 * throws sends the error back, so the parent's scenario fails loudly.
 */
export function serveIpc(handlers: IpcHandlers): void {
  const all: IpcHandlers = {
    usage: processUsage,
    boot: () => undefined,
    ...handlers,
  };
  process.on('message', (message: IpcRequest) => {
    const handler = all[message.type];
    const reply = (r: Omit<IpcReply, 'replyTo'>): void => {
      process.send!({ replyTo: message.id, ...r });
    };
    if (!handler) {
      reply({ ok: false, error: `no handler for ${message.type}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.payload))
      .then(
        (value) => reply({ ok: true, value }),
        (error: unknown) =>
          reply({
            ok: false,
            error: error instanceof Error ? error.stack : String(error),
          }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

/** Peak memory and CPU of a worker process, reported when it stops. */
export interface ProcessUsage {
  /** Peak resident set size, bytes (`getrusage` maxrss). */
  peakRssBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
}

/**
 * Peak RSS from /proc (VmHWM): `getrusage`'s maxrss would count the parent's
 * size at fork time, which survives the exec on Linux.
 */
function peakRssBytes(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // not Linux: fall back to the current RSS
  }
  return process.memoryUsage().rss;
}

/** What a worker reports about itself. */
export function processUsage(): ProcessUsage {
  const usage = process.resourceUsage();
  return {
    peakRssBytes: peakRssBytes(),
    cpuUserMicros: usage.userCPUTime,
    cpuSystemMicros: usage.systemCPUTime,
  };
}

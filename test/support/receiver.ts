import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How the receiver answers one request. */
export interface ReceiverStep {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Default `ok`. */
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Sets `Retry-After` (seconds or an HTTP date). */
  retryAfter?: string;
  /** Sets `Location` (for 3xx). */
  location?: string;
  /** Send the headers and the first bytes of the body, then nothing more. */
  stallBody?: boolean;
  /** Never answer at all. */
  hang?: boolean;
}

/** One request as it arrived, body bytes untouched. */
export interface ReceivedRequest {
  index: number;
  method: string;
  /** The request target exactly as sent (path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Which TCP connection carried it (1-based). */
  connectionId: number;
  /** Epoch ms when the request started / its answer was finished. */
  receivedAt: number;
  answeredAt: number | null;
}

type Responder = (request: ReceivedRequest) => ReceiverStep | undefined;

/**
 * A real HTTP receiver on 127.0.0.1 (random port) for integration tests:
 * records every request with raw body bytes and headers, answers from a
 * script (queue of steps, per-path queues or a function), and counts TCP
 * connections. `close()` destroys every socket, stalled ones included.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** TCP connections accepted so far. */
  connectionCount = 0;
  private server?: Server;
  private port = 0;
  private readonly sockets = new Set<Socket>();
  private readonly socketIds = new WeakMap<Socket, number>();
  private readonly queue: ReceiverStep[] = [];
  private readonly pathQueues = new Map<string, ReceiverStep[]>();
  private responder?: Responder;
  private fallback: ReceiverStep = { status: 200 };
  private waiters: Array<() => void> = [];

  /** Starts listening; resolves with the receiver. */
  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      const receivedAt = Date.now();
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: ReceivedRequest = {
          index: this.requests.length,
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks),
          connectionId: this.socketIds.get(req.socket) ?? 0,
          receivedAt,
          answeredAt: null,
        };
        this.requests.push(request);
        this.notify();
        this.answer(request, res, this.stepFor(request));
      });
    });
    server.on('connection', (socket) => {
      this.connectionCount += 1;
      this.socketIds.set(socket, this.connectionCount);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  /** `http://127.0.0.1:<port><path>`. */
  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Queues answers for the next requests (any path), in order. */
  respondWith(...steps: ReceiverStep[]): this {
    this.queue.push(...steps);
    return this;
  }

  /** Queues answers for requests to one path (query excluded). */
  respondOn(path: string, ...steps: ReceiverStep[]): this {
    this.pathQueues.set(path, [...(this.pathQueues.get(path) ?? []), ...steps]);
    return this;
  }

  /** Answers with a function (after the queues are empty). */
  respondUsing(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  /** The answer when nothing else applies. Default `200 ok`. */
  respondByDefault(step: ReceiverStep): this {
    this.fallback = step;
    return this;
  }

  /** Requests to one path (query excluded). */
  requestsTo(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.url.split('?')[0] === path);
  }

  /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
  async waitForRequests(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.requests.length >= count) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `receiver: ${this.requests.length} of ${count} requests after ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
        const check = () => {
          if (this.requests.length >= count) resolve();
          else this.waiters.push(check);
        };
        check();
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops listening and destroys every open socket. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server)
      await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private stepFor(request: ReceivedRequest): ReceiverStep {
    const path = request.url.split('?')[0];
    const perPath = this.pathQueues.get(path);
    if (perPath && perPath.length > 0) return perPath.shift()!;
    if (this.queue.length > 0) return this.queue.shift()!;
    return this.responder?.(request) ?? this.fallback;
  }

  private answer(
    request: ReceivedRequest,
    res: ServerResponse,
    step: ReceiverStep,
  ): void {
    if (step.hang) return;
    const send = () => {
      if (res.destroyed) return;
      const headers: Record<string, string> = {
        'content-type': 'text/plain; charset=utf-8',
        ...step.headers,
      };
      if (step.retryAfter !== undefined)
        headers['retry-after'] = step.retryAfter;
      if (step.location !== undefined) headers.location = step.location;
      const body = step.body ?? 'ok';
      if (step.stallBody) {
        res.writeHead(step.status ?? 200, headers);
        res.write(typeof body === 'string' ? body : body.subarray(0, 16));
        request.answeredAt = Date.now();
        return;
      }
      res.writeHead(step.status ?? 200, headers);
      res.end(body, () => {
        request.answeredAt = Date.now();
      });
    };
    if (step.delayMs) {
      const timer = setTimeout(send, step.delayMs);
      res.on('close', () => clearTimeout(timer));
    } else {
      send();
    }
  }
}

/** Starts a fresh receiver. */
export function startReceiver(): Promise<TestReceiver> {
  return new TestReceiver().start();
}

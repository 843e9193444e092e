import type { Dispatcher } from 'undici';
import {
  classifyAttemptError,
  describeAttemptError,
} from './attempt-error.classifier';
import { responseBodyText } from './response-body.text';
import type { WebhookHttpResult } from './webhook-http-exchange.interface';

/** A result before the client adds `requestedAt` and `durationMs`. */
export type ExchangeResult = Omit<
  WebhookHttpResult,
  'requestedAt' | 'durationMs'
>;

/** Why an exchange was cut short by us rather than by the network. */
type CutReason = 'TIMEOUT' | 'ABORTED' | 'BODY_CAP';

/** The error handed to undici when we cut an exchange short. */
class ExchangeCut extends Error {
  constructor(readonly reason: CutReason) {
    super(`exchange cut: ${reason}`);
  }
}

/**
 * One attempt's exchange on undici's dispatch API: it collects the status,
 * `Retry-After` and at most `capBytes` of the body, and settles exactly
 * once through `done`. Driving undici's handler directly, instead of
 * `request()`, spares every attempt a response stream, an async resource
 * and an `AbortSignal`; measured in the benchmark's CPU profile, those were
 * a large share of the dispatcher's time per delivery.
 *
 * `timeout()` and `abort()` settle at once, even while the request still
 * waits for a pooled connection, and cut the socket exchange as soon as
 * undici offers a way to.
 */
export class AttemptExchangeHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private cut: ExchangeCut | null = null;
  private settled = false;
  private statusCode: number | null = null;
  private retryAfter: string | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly capBytes: number,
    private readonly timeoutMs: number,
    private readonly done: (result: ExchangeResult) => void,
  ) {}

  /** Ends the exchange as `TIMEOUT` (the whole-exchange timer fired). */
  timeout(): void {
    this.stop(new ExchangeCut('TIMEOUT'));
  }

  /** Ends the exchange because the dispatcher is shutting down. */
  abort(): void {
    this.stop(new ExchangeCut('ABORTED'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cut) controller.abort(this.cut);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // 1xx informational responses come before the real one.
    if (statusCode < 200) return;
    this.statusCode = statusCode;
    const header = headers['retry-after'];
    this.retryAfter = Array.isArray(header) ? header[0] : header;
  }

  onResponseData(
    controller: Dispatcher.DispatchController,
    chunk: Buffer,
  ): void {
    if (this.settled) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Enough is kept: the rest of the body is never read, its socket goes.
    if (this.size > this.capBytes) {
      this.succeed();
      this.cut = new ExchangeCut('BODY_CAP');
      controller.abort(this.cut);
    }
  }

  onResponseEnd(): void {
    this.succeed();
  }

  onResponseError(_controller: unknown, error: Error): void {
    if (this.settled) return;
    this.settle(this.failure(classifyAttemptError(error), error));
  }

  private stop(cut: ExchangeCut): void {
    if (this.settled) return;
    this.cut = cut;
    this.settle(
      cut.reason === 'TIMEOUT'
        ? this.failure(
            'TIMEOUT',
            `no complete response within ${this.timeoutMs} ms`,
          )
        : this.failure('NETWORK', 'aborted: the dispatcher is shutting down'),
    );
    this.controller?.abort(cut);
  }

  private succeed(): void {
    if (this.settled) return;
    this.settle({
      statusCode: this.statusCode,
      retryAfter: this.retryAfter,
      responseBody: responseBodyText(
        this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks),
        this.capBytes,
      ),
      errorKind: null,
      errorMessage: null,
    });
  }

  private failure(
    errorKind: ExchangeResult['errorKind'],
    reason: Error | string,
  ): ExchangeResult {
    return {
      statusCode: this.statusCode,
      retryAfter: this.retryAfter,
      responseBody: null,
      errorKind,
      errorMessage:
        typeof reason === 'string' ? reason : describeAttemptError(reason),
    };
  }

  private settle(result: ExchangeResult): void {
    this.settled = true;
    this.chunks.length = 0;
    this.done(result);
  }
}

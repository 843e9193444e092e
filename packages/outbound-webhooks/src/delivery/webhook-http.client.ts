import { isIP } from 'node:net';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Agent } from 'undici';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WEBHOOKS_NETWORK_POLICY } from '../security/network-policy.interface';
import type { NetworkPolicy } from '../security/network-policy.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import { AttemptExchangeHandler } from './attempt-exchange.handler';
import type { ExchangeResult } from './attempt-exchange.handler';
import { parseRequestTarget } from './request-target.parser';
import type { RequestTarget } from './request-target.parser';
import type {
  WebhookHttpRequest,
  WebhookHttpResult,
} from './webhook-http-exchange.interface';

/** Idle keep-alive sockets are closed after this long. */
const KEEP_ALIVE_TIMEOUT_MS = 10_000;

/** undici's timeouts sit this far behind ours. */
const BACKSTOP_MARGIN_MS = 1_000;

/** Parsed URLs kept (the parse is pure); the map is emptied when full. */
const TARGET_CACHE_SIZE = 1_024;

/** When an attempt started: epoch ms for the record, monotonic for its duration. */
interface AttemptClock {
  requestedAt: number;
  started: number;
}

/** The whole result of an exchange, built field by field. */
function timed(
  partial: ExchangeResult,
  clock: AttemptClock,
): WebhookHttpResult {
  return {
    requestedAt: clock.requestedAt,
    durationMs: Math.round(performance.now() - clock.started),
    statusCode: partial.statusCode,
    retryAfter: partial.retryAfter,
    responseBody: partial.responseBody,
    errorKind: partial.errorKind,
    errorMessage: partial.errorMessage,
  };
}

/**
 * Sends one attempt with undici 7 (a keep-alive `Agent`, one pool per
 * origin), through its dispatch API (`AttemptExchangeHandler`). Measured on
 * the target machine, undici is several times cheaper per POST than Node's
 * `fetch`. Redirects are never followed (dispatch does not follow them),
 * the URL's path and query go out exactly as stored, one timer bounds the
 * whole exchange, and the response body is read only up to
 * `responseBodyMaxBytes`. With a `NetworkPolicy`, the connect `lookup`
 * checks every resolved address and IP literals are checked here, since
 * Node skips `lookup` for them.
 */
@Injectable()
export class WebhookHttpClient implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookHttpClient.name);
  private readonly agent: Agent;
  private readonly targets = new Map<string, RequestTarget | string>();
  private readonly live = new WeakMap<
    AbortSignal,
    Set<AttemptExchangeHandler>
  >();

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    @Optional()
    @Inject(WEBHOOKS_NETWORK_POLICY)
    private readonly networkPolicy?: NetworkPolicy,
  ) {
    // undici's own timeouts use a coarse timer wheel that may fire early;
    // they are only a backstop here, our exact timer bounds the exchange.
    const backstopMs = options.requestTimeoutMs + BACKSTOP_MARGIN_MS;
    this.agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connections: options.concurrency,
      pipelining: 1,
      headersTimeout: backstopMs,
      bodyTimeout: backstopMs,
      connect: {
        timeout: backstopMs,
        ...(networkPolicy ? { lookup: networkPolicy.lookup } : {}),
      },
    });
  }

  /** Sends one POST; never rejects, failures come back as a result. */
  send(request: WebhookHttpRequest): Promise<WebhookHttpResult> {
    const clock: AttemptClock = {
      requestedAt: Date.now(),
      started: performance.now(),
    };
    const refusal = this.refuse(request.url);
    if (typeof refusal === 'object' && 'errorKind' in refusal) {
      return Promise.resolve(timed(refusal, clock));
    }
    return this.exchange(refusal, request, clock);
  }

  /** Refuses what must not be sent before any socket is opened. */
  private refuse(url: string): RequestTarget | ExchangeResult {
    const fail = (
      errorKind: 'INVALID_URL' | 'BLOCKED_ADDRESS',
      errorMessage: string,
    ) => ({
      statusCode: null,
      retryAfter: undefined,
      responseBody: null,
      errorKind,
      errorMessage,
    });
    let target = this.targets.get(url);
    if (target === undefined) {
      target = parseRequestTarget(url);
      if (this.targets.size >= TARGET_CACHE_SIZE) this.targets.clear();
      this.targets.set(url, target);
    }
    if (typeof target === 'string') return fail('INVALID_URL', target);
    if (this.options.requireHttps && target.protocol !== 'https:') {
      return fail('INVALID_URL', 'only https URLs are allowed (requireHttps)');
    }
    if (this.networkPolicy && isIP(target.hostname) !== 0) {
      const verdict = this.networkPolicy.checkAddress(target.hostname);
      if (!verdict.allowed) {
        return fail(
          'BLOCKED_ADDRESS',
          `refused by the webhook network policy: ${verdict.reason ?? target.hostname}`,
        );
      }
    }
    return target;
  }

  private exchange(
    target: RequestTarget,
    request: WebhookHttpRequest,
    clock: AttemptClock,
  ): Promise<WebhookHttpResult> {
    const { signal } = request;
    if (signal?.aborted) {
      return Promise.resolve(
        timed(
          {
            statusCode: null,
            retryAfter: undefined,
            responseBody: null,
            errorKind: 'NETWORK',
            errorMessage: 'aborted: the dispatcher is shutting down',
          },
          clock,
        ),
      );
    }
    return new Promise((resolve) => {
      const live = signal ? this.liveOf(signal) : undefined;
      const handler = new AttemptExchangeHandler(
        this.options.responseBodyMaxBytes,
        this.options.requestTimeoutMs,
        (result) => {
          clearTimeout(timer);
          live?.delete(handler);
          resolve(timed(result, clock));
        },
      );
      const timer = setTimeout(
        () => handler.timeout(),
        this.options.requestTimeoutMs,
      );
      live?.add(handler);
      this.agent.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: 'POST',
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'user-agent': this.options.userAgent,
          },
          body: request.body,
        },
        handler,
      );
    });
  }

  /**
   * The running exchanges of one abort signal. The dispatcher passes one
   * signal to all its attempts, so one listener serves them all instead of
   * one listener added and removed per attempt.
   */
  private liveOf(signal: AbortSignal): Set<AttemptExchangeHandler> {
    let live = this.live.get(signal);
    if (!live) {
      const handlers = new Set<AttemptExchangeHandler>();
      signal.addEventListener(
        'abort',
        () => {
          for (const handler of [...handlers]) handler.abort();
        },
        { once: true },
      );
      this.live.set(signal, handlers);
      live = handlers;
    }
    return live;
  }

  /** Closes every pooled socket (after the dispatcher drained). */
  async onApplicationShutdown(): Promise<void> {
    try {
      await this.agent.destroy();
    } catch (error) {
      this.logger.warn(`closing the HTTP agent failed: ${String(error)}`);
    }
  }
}

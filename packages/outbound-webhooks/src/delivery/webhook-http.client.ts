import { isIP } from 'node:net';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Agent } from 'undici';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WEBHOOKS_NETWORK_POLICY } from '../security/network-policy.interface';
import type { NetworkPolicy } from '../security/network-policy.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import {
  classifyAttemptError,
  describeAttemptError,
} from './attempt-error.classifier';
import { parseRequestTarget } from './request-target.parser';
import type { RequestTarget } from './request-target.parser';
import { responseBodyText } from './response-body.text';
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

/** Marks an abort caused by our own whole-exchange timer. */
class ExchangeTimeout extends Error {}

/**
 * Sends one attempt with undici 7 (a keep-alive `Agent`, one pool per
 * origin). Measured on the target machine, undici's `request` is several
 * times cheaper per POST than Node's `fetch`. Redirects are never followed
 * (undici's `request` does not), the URL's path and query go out exactly as
 * stored, one timer bounds the whole exchange, and the response body is read
 * only up to `responseBodyMaxBytes`. With a `NetworkPolicy`, the connect
 * `lookup` checks every resolved address and IP literals are checked here,
 * since Node skips `lookup` for them.
 */
@Injectable()
export class WebhookHttpClient implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookHttpClient.name);
  private readonly agent: Agent;
  private readonly targets = new Map<string, RequestTarget | string>();

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

  /** Sends one POST; never throws, failures come back as a result. */
  async send(request: WebhookHttpRequest): Promise<WebhookHttpResult> {
    const requestedAt = Date.now();
    const started = performance.now();
    const finish = (
      partial: Omit<WebhookHttpResult, 'requestedAt' | 'durationMs'>,
    ): WebhookHttpResult => ({
      requestedAt,
      durationMs: Math.round(performance.now() - started),
      ...partial,
    });
    const refusal = this.refuse(request.url);
    if (typeof refusal === 'object' && 'errorKind' in refusal) {
      return finish(refusal);
    }
    return this.exchange(refusal, request, finish);
  }

  /** Refuses what must not be sent before any socket is opened. */
  private refuse(
    url: string,
  ): RequestTarget | Omit<WebhookHttpResult, 'requestedAt' | 'durationMs'> {
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

  private async exchange(
    target: RequestTarget,
    request: WebhookHttpRequest,
    finish: (
      partial: Omit<WebhookHttpResult, 'requestedAt' | 'durationMs'>,
    ) => WebhookHttpResult,
  ): Promise<WebhookHttpResult> {
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(
          new ExchangeTimeout(
            `no complete response within ${this.options.requestTimeoutMs} ms`,
          ),
        ),
      this.options.requestTimeoutMs,
    );
    const onOuterAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let statusCode: number | null = null;
    let retryAfter: string | undefined;
    try {
      const response = await this.agent.request({
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'user-agent': this.options.userAgent,
        },
        body: request.body,
        signal: controller.signal,
      });
      statusCode = response.statusCode;
      const header = response.headers['retry-after'];
      retryAfter = Array.isArray(header) ? header[0] : header;
      const body = await this.readCapped(response.body);
      return finish({
        statusCode,
        retryAfter,
        responseBody: body,
        errorKind: null,
        errorMessage: null,
      });
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      const timedOut = reason instanceof ExchangeTimeout;
      return finish({
        statusCode,
        retryAfter,
        responseBody: null,
        errorKind: timedOut ? 'TIMEOUT' : classifyAttemptError(error),
        errorMessage: timedOut
          ? reason.message
          : controller.signal.aborted
            ? 'aborted: the dispatcher is shutting down'
            : describeAttemptError(error),
      });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  /** Reads at most the cap; a longer body is cut and its socket dropped. */
  private async readCapped(body: AsyncIterable<Buffer>): Promise<string> {
    const cap = this.options.responseBodyMaxBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > cap) break;
    }
    return responseBodyText(Buffer.concat(chunks), cap);
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

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { acceptedRequests } from './accepted-requests';
import { topicOfBody } from './topic-of-body';

/** One request the receiver got. */
export interface ReceivedRequest {
  hook: string;
  webhookId: string;
  topic: string;
  verified: boolean;
  /** The status the receiver answered. */
  status: number;
  body: unknown;
}

interface Endpoint {
  verifier: Webhook;
  /** Answer 503 to this many requests first (a simulated outage). */
  outageRequests: number;
}

/**
 * A local webhook receiver, one path per webhook (`/hooks/<name>`). It
 * verifies every request with the `standardwebhooks` library over the raw
 * body bytes, exactly as a receiving service should.
 */
export class DemoReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly endpoints = new Map<string, Endpoint>();
  private server?: Server;
  private baseUrl = '';

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /**
   * Opens `/hooks/<name>` for a webhook signing with `secret` (a `whsec_`
   * secret, or any other string used as its UTF-8 bytes) and returns its URL.
   */
  endpoint(name: string, secret: string, outageRequests = 0): string {
    const verifier = secret.startsWith('whsec_')
      ? new Webhook(secret)
      : new Webhook(secret, { format: 'raw' });
    this.endpoints.set(name, { verifier, outageRequests });
    return `${this.baseUrl}/hooks/${name}`;
  }

  /** Requests to `hook` that verified and were accepted, one per webhook-id. */
  accepted(hook: string): ReceivedRequest[] {
    return acceptedRequests(this.requests, hook);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const hook = /^\/hooks\/([\w-]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const endpoint = this.endpoints.get(hook);
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    let verified = false;
    let body: unknown = null;
    try {
      body = endpoint?.verifier.verify(raw, headers) ?? null;
      verified = endpoint !== undefined;
    } catch {
      body = parseOrNull(raw);
    }
    let status = verified ? 204 : 400;
    if (verified && endpoint && endpoint.outageRequests > 0) {
      endpoint.outageRequests -= 1;
      status = 503;
    }
    this.requests.push({
      hook,
      webhookId: headers['webhook-id'],
      topic: topicOfBody(body),
      verified,
      status,
      body,
    });
    res.writeHead(status).end();
  }
}

function parseOrNull(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}

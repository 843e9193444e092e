// Deep imports: this suite tests the client and the policy without a module.
import { resolveWebhooksOptions } from '../../packages/outbound-webhooks/src/options/resolve-webhooks-options';
import type { HostResolver } from '../../packages/outbound-webhooks/src/security/host-resolver';
import { WebhookNetworkPolicy } from '../../packages/outbound-webhooks/src/security/webhook-network.policy';
import { WebhookHttpClient } from '../../packages/outbound-webhooks/src/delivery/webhook-http.client';
import { CountingServer } from './support/counting.server';

/**
 * Connect-time SSRF guard of the real HTTP client: a canary listens on
 * 127.0.0.2, outside the allow-list (127.0.0.1/32 only), and must never see
 * a connection, whatever spelling or name leads to it.
 */
describe('HTTP client SSRF guard (canary on 127.0.0.2)', () => {
  const canary = new CountingServer();
  const canary6 = new CountingServer();
  const receiver = new CountingServer();
  let redirector: CountingServer;
  let client: WebhookHttpClient;
  let systemClient: WebhookHttpClient;

  /** Test DNS: names the test controls, resolved by the policy's lookup. */
  const resolver: HostResolver = (hostname) => {
    const table: Record<string, string> = {
      'canary.test': '127.0.0.2',
      'receiver.test': '127.0.0.1',
    };
    const address = table[hostname.toLowerCase()];
    return address
      ? Promise.resolve([{ address, family: 4 }])
      : Promise.reject(
          Object.assign(new Error(`ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
          }),
        );
  };

  const send = (target: WebhookHttpClient, url: string) =>
    target.send({
      url,
      body: Buffer.from('{"canary":true}'),
      headers: { 'webhook-id': 'msg_canary' },
    });

  beforeAll(async () => {
    await canary.listen('127.0.0.2');
    await canary6.listen('::1');
    await receiver.listen('127.0.0.1');
    const canaryPort = canary.port;
    redirector = await new CountingServer((res) => {
      res.statusCode = 307;
      res.setHeader('location', `http://127.0.0.2:${canaryPort}/stolen`);
      res.end();
    }).listen('127.0.0.1');
    const options = resolveWebhooksOptions({
      allowedNetworks: ['127.0.0.1/32'],
      requestTimeoutMs: 2_000,
    });
    client = new WebhookHttpClient(
      options,
      new WebhookNetworkPolicy({
        allowedNetworks: options.allowedNetworks,
        resolver,
      }),
    );
    systemClient = new WebhookHttpClient(
      resolveWebhooksOptions({ requestTimeoutMs: 2_000 }),
      new WebhookNetworkPolicy(),
    );
  });

  afterAll(async () => {
    await client.onApplicationShutdown();
    await systemClient.onApplicationShutdown();
    await Promise.all([
      canary.close(),
      canary6.close(),
      receiver.close(),
      redirector.close(),
    ]);
  });

  it('the canaries are reachable when the allow-list covers them', async () => {
    const everything = ['127.0.0.0/8', '::1/128'];
    const open = new WebhookHttpClient(
      resolveWebhooksOptions({ allowedNetworks: everything }),
      new WebhookNetworkPolicy({ allowedNetworks: everything }),
    );
    const results = [
      await send(open, `http://127.0.0.2:${canary.port}/`),
      await send(open, `http://[::1]:${canary6.port}/`),
    ];
    await open.onApplicationShutdown();
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect([canary.connections, canary6.connections]).toEqual([1, 1]);
    canary.connections = 0;
    canary6.connections = 0;
  });

  it('delivers to the allowed receiver, also through a name the policy resolves', async () => {
    const byAddress = await send(client, `http://127.0.0.1:${receiver.port}/a`);
    const byName = await send(
      client,
      `http://receiver.test:${receiver.port}/b`,
    );
    expect(byAddress).toMatchObject({ statusCode: 200, errorKind: null });
    expect(byName).toMatchObject({ statusCode: 200, errorKind: null });
    expect(receiver.requests.map((r) => r.url)).toEqual(['/a', '/b']);
  });

  it.each([
    'http://127.0.0.2:PORT/',
    'http://2130706434:PORT/',
    'http://0x7f000002:PORT/',
    'http://0x7f.0.0.2:PORT/',
    'http://0177.0.0.2:PORT/',
    'http://127.2:PORT/',
    'http://127.0.2:PORT/',
    'http://127.0.0.2.:PORT/',
    'http://[::ffff:127.0.0.2]:PORT/',
    'http://[::ffff:7f00:2]:PORT/',
    'http://[::127.0.0.2]:PORT/',
    'http://[64:ff9b::7f00:2]:PORT/',
    'http://canary.test:PORT/',
    'http://CANARY.TEST:PORT/hook?x=1',
  ])('refuses %s before connecting', async (spelling) => {
    const result = await send(
      client,
      spelling.replace('PORT', String(canary.port)),
    );
    expect(result.statusCode).toBeNull();
    expect(result.errorKind).toBe('BLOCKED_ADDRESS');
    expect(result.errorMessage).toMatch(/network policy/);
    expect(canary.connections).toBe(0);
  });

  it.each([
    'http://[::1]:PORT/',
    'http://[0:0:0:0:0:0:0:1]:PORT/',
    'http://[0000:0000:0000:0000:0000:0000:0000:0001]:PORT/',
  ])('refuses IPv6 loopback %s before connecting', async (spelling) => {
    const result = await send(
      client,
      spelling.replace('PORT', String(canary6.port)),
    );
    expect(result.errorKind).toBe('BLOCKED_ADDRESS');
    expect(canary6.connections).toBe(0);
  });

  it('refuses localhost resolved by the system resolver', async () => {
    const before = receiver.connections;
    const result = await send(
      systemClient,
      `http://localhost:${receiver.port}/`,
    );
    expect(result.errorKind).toBe('BLOCKED_ADDRESS');
    expect(result.errorMessage).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(receiver.connections).toBe(before);
  });

  it('does not follow a redirect from an allowed receiver to the canary', async () => {
    const result = await send(
      client,
      `http://127.0.0.1:${redirector.port}/hook`,
    );
    expect(result.statusCode).toBe(307);
    expect(redirector.requests).toHaveLength(1);
    expect(canary.connections).toBe(0);
  });
});

import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import {
  WebhookFanOutService,
  WebhookPublisher,
} from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import { CountingServer } from './support/counting.server';
import {
  APP_OF_A,
  COMPANY_A,
  COMPANY_B,
  TOKEN_A,
  TOKEN_AB,
  TOKEN_B,
  appRegistry,
  authResolver,
  bearer,
  companyInfoProvider,
} from './support/security-host';

const BASE = '/api/v2/webhooks';
const SECRET_A = 'whsec_dGVuYW50LWEtc2lnbmluZy1zZWNyZXQtMDAx';
const SECRET_B = 'whsec_dGVuYW50LWItc2lnbmluZy1zZWNyZXQtMDAy';
const TOPIC = 'record.candidate.created';

type Verb = 'get' | 'post' | 'put' | 'delete';
interface Call {
  name: string;
  verb: Verb;
  path: string;
  body?: object;
}

/** How an intruder may present itself as company B. */
const INTRUDERS: { name: string; headers: Record<string, string> }[] = [
  { name: 'a user of B', headers: { authorization: bearer(TOKEN_B) } },
  {
    name: 'a member of both acting for B',
    headers: {
      authorization: bearer(TOKEN_AB),
      'x-caraer-company-uuid': COMPANY_B,
    },
  },
];

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeEachDatabase('tenant isolation', (db) => {
  const receiverA = new CountingServer();
  const receiverB = new CountingServer();
  let app: INestApplication;
  let webhookA: string;
  let webhookB: string;
  let deliveryA: string;
  let snapshotA: unknown;
  let rawA: unknown;

  const http = () => request(app.getHttpServer());
  const send = (call: Call, headers: Record<string, string>) => {
    let pending = http()[call.verb](`${BASE}${call.path}`);
    for (const [name, value] of Object.entries(headers)) {
      pending = pending.set(name, value);
    }
    return call.body ? pending.send(call.body) : pending;
  };
  const rawRow = () =>
    app
      .get(DataSource)
      .createQueryBuilder()
      .select('*')
      .from('webhook_webhooks', 'w')
      .where('w.uuid = :uuid', { uuid: webhookA })
      .getRawOne<unknown>();
  const createWebhook = async (token: string, url: string, secret: string) => {
    const response = await http()
      .post(`${BASE}/`)
      .set('authorization', bearer(token))
      .send({ url, secret, topic: TOPIC, name: 'isolation' })
      .expect(200);
    return (response.body as { data: { uuid: string } }).data.uuid;
  };
  /** Publishes, then fans out now rather than at the next poll. */
  const publishFor = async (companyUuid: string, uuid: string) => {
    await app.get(WebhookPublisher).recordCreated({
      companyUuid,
      record: {
        uuid,
        objectName: 'candidate',
        properties: { name: `candidate of ${companyUuid}` },
        createdAt: Date.now(),
        updatedAt: Date.now(),
      },
    });
    await app.get(WebhookFanOutService).fanOutPending(100);
  };

  /** Every call naming a resource of company A, by every verb, delete last. */
  const callsOnA = (uuid: string): Call[] => [
    { name: 'show', verb: 'get', path: `/${uuid}` },
    { name: 'list deliveries', verb: 'get', path: `/${uuid}/deliveries` },
    {
      name: 'list attempts',
      verb: 'get',
      path: `/${uuid}/deliveries/${deliveryA}/attempts`,
    },
    {
      name: 'resend',
      verb: 'post',
      path: `/${uuid}/deliveries/${deliveryA}/resend`,
    },
    {
      name: 'recover',
      verb: 'post',
      path: `/${uuid}/recover`,
      body: { since: 0, until: Date.now() + 60_000 },
    },
    {
      name: 'rotate secret',
      verb: 'post',
      path: `/${uuid}/rotate-secret`,
      body: { secret: 'whsec_aW50cnVkZXItc2VjcmV0LTAwMDAwMDA=' },
    },
    { name: 'send test event', verb: 'post', path: `/${uuid}/test` },
    { name: 'disable', verb: 'post', path: `/${uuid}/disable` },
    { name: 'enable', verb: 'post', path: `/${uuid}/enable` },
    {
      name: 'update',
      verb: 'put',
      path: `/${uuid}`,
      body: { name: 'taken over', url: `http://127.0.0.1:${receiverB.port}/` },
    },
    { name: 'delete', verb: 'delete', path: `/${uuid}` },
  ];

  beforeAll(async () => {
    await receiverA.listen('127.0.0.1');
    await receiverB.listen('127.0.0.1');
    app = await createTestApp(db, {
      webhooks: {
        authResolver,
        appRegistry,
        companyInfoProvider,
        allowedNetworks: ['127.0.0.1/32'],
        dispatcherEnabled: true,
        pollIntervalMs: 50,
        defaultMaxRetries: 0,
      },
    });
    webhookA = await createWebhook(
      TOKEN_A,
      `http://127.0.0.1:${receiverA.port}/a`,
      SECRET_A,
    );
    webhookB = await createWebhook(
      TOKEN_B,
      `http://127.0.0.1:${receiverB.port}/b`,
      SECRET_B,
    );
    await publishFor(COMPANY_A, 'c0000000-0000-4000-8000-0000000000a1');
    await waitFor(() => receiverA.requests.length === 1, 'delivery to A');
    const deliveries = await http()
      .get(`${BASE}/${webhookA}/deliveries`)
      .set('authorization', bearer(TOKEN_A))
      .expect(200);
    deliveryA = (deliveries.body as { data: { uuid: string }[] }).data[0].uuid;
    snapshotA = (
      await http()
        .get(`${BASE}/${webhookA}`)
        .set('authorization', bearer(TOKEN_A))
        .expect(200)
    ).body;
    rawA = await rawRow();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([receiverA.close(), receiverB.close()]);
  });

  it("delivers a company's events only to its own webhooks", async () => {
    await publishFor(COMPANY_B, 'c0000000-0000-4000-8000-0000000000b1');
    await waitFor(() => receiverB.requests.length === 1, 'delivery to B');
    expect(receiverA.requests).toHaveLength(1);
    const [toA] = receiverA.requests;
    const [toB] = receiverB.requests;
    expect(toA.body).toContain(COMPANY_A);
    expect(toA.body).not.toContain(COMPANY_B);
    expect(toB.body).toContain(COMPANY_B);
    expect(toB.body).not.toContain(COMPANY_A);
    const headersOf = (r: typeof toA) => r.headers as Record<string, string>;
    expect(() =>
      new Webhook(SECRET_A).verify(toA.body, headersOf(toA)),
    ).not.toThrow();
    expect(() =>
      new Webhook(SECRET_B).verify(toA.body, headersOf(toA)),
    ).toThrow();
    expect(() =>
      new Webhook(SECRET_B).verify(toB.body, headersOf(toB)),
    ).not.toThrow();
  });

  describe.each(INTRUDERS)('$name', ({ headers }) => {
    const spellings = () => [
      webhookA,
      webhookA.toUpperCase(),
      encodeURIComponent(`${webhookA}' OR '1'='1`),
    ];

    it('gets 404 for every verb on every endpoint naming a webhook of A', async () => {
      for (const uuid of spellings()) {
        for (const call of callsOnA(uuid)) {
          const response = await send(call, headers);
          expect({ call: call.name, uuid, status: response.status }).toEqual({
            call: call.name,
            uuid,
            status: 404,
          });
          const body = response.body as {
            errors: { type: string }[];
          };
          expect(body.errors[0].type).toBe('NOT_FOUND');
          expect(response.text).not.toContain(String(receiverA.port));
        }
      }
    });

    it("gets 404 for A's delivery through its own webhook", async () => {
      for (const call of [
        {
          verb: 'get' as const,
          path: `/${webhookB}/deliveries/${deliveryA}/attempts`,
        },
        {
          verb: 'post' as const,
          path: `/${webhookB}/deliveries/${deliveryA}/resend`,
        },
      ]) {
        const response = await send({ name: call.path, ...call }, headers);
        expect({ path: call.path, status: response.status }).toEqual({
          path: call.path,
          status: 404,
        });
      }
    });

    it("never lists A's webhooks and sees its own company", async () => {
      for (const path of ['/index', '/index/candidate']) {
        const response = await send(
          { name: path, verb: 'post', path, body: { limit: 100 } },
          headers,
        ).expect(200);
        const body = response.body as {
          data: { uuid: string }[];
          total: number;
        };
        expect(body.data.map((w) => w.uuid)).toEqual([webhookB]);
        expect(body.total).toBe(1);
      }
      const me = await send({ name: 'me', verb: 'get', path: '/me' }, headers);
      expect((me.body as { data: { uuid: string } }).data.uuid).toBe(COMPANY_B);
    });

    it("cannot create a webhook for A's app", async () => {
      const response = await send(
        {
          name: 'create for app',
          verb: 'post',
          path: `/apps/${APP_OF_A}`,
          body: {
            url: `http://127.0.0.1:${receiverB.port}/app`,
            secret: SECRET_B,
            topic: TOPIC,
          },
        },
        headers,
      );
      expect(response.status).toBe(400);
    });
  });

  it('gets 403 when a user of B selects company A, on every endpoint', async () => {
    const headers = {
      authorization: bearer(TOKEN_B),
      'x-caraer-company-uuid': COMPANY_A,
    };
    const calls: Call[] = [
      ...callsOnA(webhookA),
      { name: 'list', verb: 'post', path: '/index', body: {} },
      { name: 'list topic', verb: 'post', path: '/index/candidate', body: {} },
      { name: 'me', verb: 'get', path: '/me' },
      {
        name: 'create',
        verb: 'post',
        path: '/',
        body: { url: 'http://127.0.0.1:9/', secret: SECRET_B, topic: TOPIC },
      },
    ];
    for (const call of calls) {
      const response = await send(call, headers);
      expect({ call: call.name, status: response.status }).toEqual({
        call: call.name,
        status: 403,
      });
    }
  });

  it('gets 401 without a valid token', async () => {
    for (const headers of [{}, { authorization: 'Bearer nobody' }] as Record<
      string,
      string
    >[]) {
      for (const call of callsOnA(webhookA)) {
        const response = await send(call, headers);
        expect({ call: call.name, status: response.status }).toEqual({
          call: call.name,
          status: 401,
        });
      }
    }
  });

  it("leaves A's webhook, secret and deliveries exactly as they were", async () => {
    const now = await http()
      .get(`${BASE}/${webhookA}`)
      .set('authorization', bearer(TOKEN_A))
      .expect(200);
    expect(now.body).toEqual(snapshotA);
    expect(await rawRow()).toEqual(rawA);
    const deliveries = await http()
      .get(`${BASE}/${webhookA}/deliveries`)
      .set('authorization', bearer(TOKEN_A))
      .expect(200);
    expect((deliveries.body as { total: number }).total).toBe(1);
    // Give a wrongly re-queued delivery a few polls to show up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiverA.requests).toHaveLength(1);
  });

  it('the owner reaches every one of those endpoints (the matrix is not vacuous)', async () => {
    for (const call of callsOnA(webhookA)) {
      const response = await send(call, { authorization: bearer(TOKEN_A) });
      expect({ call: call.name, status: response.status }).toEqual({
        call: call.name,
        status: 200,
      });
    }
  });
});

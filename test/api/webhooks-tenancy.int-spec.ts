import { DataSource } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from 'nestjs-outbound-webhooks';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  ApiTestHost,
  EXPLODING_TOKEN,
  GLOBEX,
  INTERNAL_DETAIL,
  TOKENS,
  webhookBody,
} from './api-test-host';
import { insertAttempt, insertDelivery } from './delivery-fixtures';

type Verb = 'get' | 'post' | 'put' | 'delete';

describeEachDatabase('REST API: tenant isolation', (db) => {
  let host: ApiTestHost;
  let dataSource: DataSource;
  let webhook: string;
  let delivery: string;
  let snapshot: { webhook: WebhookEntity; deliveries: WebhookDeliveryEntity[] };

  const takeSnapshot = async () => ({
    webhook: await dataSource
      .getRepository(WebhookEntity)
      .findOneByOrFail({ uuid: webhook }),
    deliveries: await dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { webhookUuid: webhook }, order: { uuid: 'ASC' } }),
  });

  beforeAll(async () => {
    host = await ApiTestHost.start(db);
    dataSource = host.app.get(DataSource);
    const created = await host.call('post', '/', {
      body: webhookBody({ secret: 'acme-only-secret-1' }),
    });
    webhook = created.body.data.uuid;
    delivery = await insertDelivery(
      dataSource,
      ACME,
      webhook,
      'FAILED',
      1_700_000_000_000,
    );
    await insertAttempt(dataSource, ACME, webhook, delivery, 1, 500);
    snapshot = await takeSnapshot();
  });
  afterAll(() => host?.close());

  const endpoints = (): Array<[Verb, string, unknown?]> => [
    ['get', `/${webhook}`],
    [
      'put',
      `/${webhook}`,
      { name: 'hijacked', url: 'http://127.0.0.1:9/evil' },
    ],
    ['delete', `/${webhook}`],
    ['get', `/${webhook}/deliveries`],
    ['get', `/${webhook}/deliveries/${delivery}/attempts`],
    ['post', `/${webhook}/deliveries/${delivery}/resend`],
    ['post', `/${webhook}/recover`, { since: 0, until: 2_000_000_000_000 }],
    ['post', `/${webhook}/test`],
    ['post', `/${webhook}/rotate-secret`, { secret: 'stolen-secret-123' }],
    ['post', `/${webhook}/enable`],
    ['post', `/${webhook}/disable`],
  ];

  it.each([
    ['the other company', TOKENS.globex, undefined],
    ['a member of both acting for the other', TOKENS.multi, GLOBEX],
  ])(
    "answers 404 to %s for every verb on a company's webhook, changing nothing",
    async (_who, token, company) => {
      for (const [verb, path, body] of endpoints()) {
        const res = await host.call(verb, path, { token, company, body });
        expect({ verb, path, status: res.status }).toEqual({
          verb,
          path,
          status: 404,
        });
        expect(res.body.errors[0].type).toBe('NOT_FOUND');
      }
      expect(await takeSnapshot()).toEqual(snapshot);
    },
  );

  it('answers 200 to the same member acting for the owning company', async () => {
    const res = await host.call('get', `/${webhook}`, {
      token: TOKENS.multi,
      company: ACME,
    });
    expect(res.status).toBe(200);
    const defaulted = await host.call('get', `/${webhook}`, {
      token: TOKENS.multi,
    });
    expect(defaulted.status).toBe(200);
  });

  it('answers 403 before looking anything up for a foreign company header', async () => {
    for (const [verb, path, body] of endpoints()) {
      const res = await host.call(verb, path, {
        token: TOKENS.globex,
        company: ACME,
        body,
      });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    expect(await takeSnapshot()).toEqual(snapshot);
  });

  it('answers 401 on every endpoint without a token', async () => {
    const all: Array<[Verb, string, unknown?]> = [
      ...endpoints(),
      ['post', '/index', {}],
      ['post', '/index/candidate', {}],
      ['post', '/', webhookBody()],
      ['post', `/apps/${ACME}`, webhookBody()],
      ['get', '/me'],
      ['get', '/formats'],
      ['get', '/events'],
    ];
    for (const [verb, path, body] of all) {
      const res = await host.call(verb, path, { token: null, body });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
    expect(await takeSnapshot()).toEqual(snapshot);
  });

  it('hides every internal detail of an unexpected error behind a 500', async () => {
    const res = await host.call('get', '/me', { token: EXPLODING_TOKEN });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      message: 'Internal server error',
      status: 500,
      errors: [
        {
          type: 'INTERNAL_SERVER_ERROR',
          message: expect.any(String),
          correctionSuggestion: expect.stringContaining(res.body.requestId),
        },
      ],
      requestId: expect.any(String),
    });
    for (const leak of ['hunter2', 'SELECT', '/srv/', INTERNAL_DETAIL, 'at ']) {
      expect(res.text).not.toContain(leak);
    }
  });

  it('never returned a secret', () => {
    expect(host.log.containing('acme-only-secret-1')).toEqual([]);
    expect(host.log.containing('stolen-secret-123')).toEqual([]);
    expect(host.log.withSecretKeys()).toEqual([]);
  });
});

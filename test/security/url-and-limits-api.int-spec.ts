import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WEBHOOK_INPUT_LIMITS } from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import {
  COMPANY_A,
  TOKEN_A,
  authResolver,
  bearer,
} from './support/security-host';

const BASE = '/api/v2/webhooks';
const SECRET = 'whsec_dXJsLXJ1bGVzLXNlY3JldC0wMDAwMDAwMQ==';
const TOPIC = 'record.candidate.created';

interface ErrorEnvelope {
  status: number;
  errors: {
    type: string;
    field?: string;
    message: string;
    correctionSuggestion?: string;
  }[];
}

describeEachDatabase('URL rules and input limits over the REST API', (db) => {
  let app: INestApplication;
  let allowedUuid: string;

  const post = (path: string, body: object) =>
    request(app.getHttpServer())
      .post(`${BASE}${path}`)
      .set('authorization', bearer(TOKEN_A))
      .send(body);
  const valid = {
    url: 'http://127.0.0.9:9/hook',
    secret: SECRET,
    topic: TOPIC,
  };

  beforeAll(async () => {
    app = await createTestApp(db, {
      webhooks: { authResolver, allowedNetworks: ['127.0.0.9/32'] },
    });
    const created = await post('/', valid).expect(200);
    allowedUuid = (created.body as { data: { uuid: string } }).data.uuid;
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['http://0x7f000002/hook', /127\.0\.0\.2 is a loopback address/],
    ['http://[::ffff:169.254.169.254]/', /169\.254\.169\.254.*metadata/],
    ['http://10.0.0.8/hook', /private-network/],
    ['http://localhost:3000/hook', /localhost resolves to a blocked address/],
    ['ftp://8.8.8.8/hook', /only http and https/],
    ['https://admin:hunter2@8.8.8.8/hook', /credentials/],
    ['http://@127.0.0.9:9/hook', /credentials/],
    ['http://:@127.0.0.9:9/hook', /credentials/],
  ])('refuses %s on create and update, saying why', async (url, why) => {
    for (const response of [
      await post('/', { ...valid, url }),
      await request(app.getHttpServer())
        .put(`${BASE}/${allowedUuid}`)
        .set('authorization', bearer(TOKEN_A))
        .send({ url }),
    ]) {
      expect(response.status).toBe(400);
      const body = response.body as ErrorEnvelope;
      const entry = body.errors.find((e) => e.field === 'url');
      expect(entry?.message).toMatch(why);
      expect(response.text).not.toContain('hunter2');
    }
  });

  it.each([
    ['http://127.0.0.9:4101/p ath?q=1', /" " \(space\) at position 24/],
    ['http://127.0.0.9:4101/p?q=1 2', /" " \(space\)/],
    ['http://127.0.0.9:4101/p?z=\u00e9', /"é" \(U\+00E9\)/],
    ['http://127.0.0.9:4101/p\tx', /control character \(U\+0009\)/],
    ['http://127.0.0.9:4101/p?x=<y>', /"<" \(U\+003C\)/],
    ['http://127.0.0.9:4101/100%_off', /"%" not followed by two hex digits/],
  ])(
    'refuses %j (not sendable as is) on create and update, suggesting percent-encoding',
    async (url, why) => {
      for (const response of [
        await post('/', { ...valid, url }),
        await request(app.getHttpServer())
          .put(`${BASE}/${allowedUuid}`)
          .set('authorization', bearer(TOKEN_A))
          .send({ url }),
      ]) {
        expect(response.status).toBe(400);
        const body = response.body as ErrorEnvelope;
        const entry = body.errors.find((e) => e.field === 'url');
        expect(entry?.message).toMatch(why);
        expect(entry?.correctionSuggestion).toMatch(/Percent-encode/);
      }
    },
  );

  it('accepts a percent-encoded URL and stores it exactly as sent', async () => {
    const url = 'http://127.0.0.9:4101/p%20ath?q=1%202&z=%C3%A9&k=[a]~!$';
    const response = await post('/', { ...valid, url });
    expect(response.status).toBe(200);
    expect((response.body as { data: { url: string } }).data.url).toBe(url);
  });

  it.each([
    'whsec_!!!notbase64',
    'whsec_abc',
    'whsec_abcde===',
    'whsec_MfKQ9r8G-_PD8ILPZIo2LaLaSw',
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw  ',
    '  leading-space-secret',
    '        ',
  ])(
    'refuses the secret %j on create, update and rotate-secret',
    async (secret) => {
      for (const response of [
        await post('/', { ...valid, secret }),
        await request(app.getHttpServer())
          .put(`${BASE}/${allowedUuid}`)
          .set('authorization', bearer(TOKEN_A))
          .send({ secret }),
        await post(`/${allowedUuid}/rotate-secret`, { secret }),
      ]) {
        expect(response.status).toBe(400);
        const body = response.body as ErrorEnvelope;
        const entry = body.errors.find(
          (e) => e.field === 'secret' && /base64|whitespace/.test(e.message),
        );
        expect(entry?.correctionSuggestion).toMatch(/standard base64/);
      }
    },
  );

  it('accepts strict base64 whsec_ secrets and plain secrets', async () => {
    for (const secret of [
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      `whsec_${Buffer.from('k'.repeat(25)).toString('base64')}`,
      'plain secret with inner spaces',
    ]) {
      const response = await post('/', { ...valid, secret });
      expect(response.status).toBe(200);
    }
  });

  it('refuses to send a test event to a stored URL that is now blocked', async () => {
    const uuid = randomUUID();
    const now = Date.now();
    await app.get(DataSource).getRepository('WebhookEntity').insert({
      uuid,
      companyUuid: COMPANY_A,
      url: 'http://127.0.0.2:9/hook',
      secret: SECRET,
      topic: TOPIC,
      webhookFormat: 'LEGACY',
      deliveryMode: 'HTTP',
      createdAt: now,
      updatedAt: now,
    });
    const response = await post(`/${uuid}/test`, {});
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/127\.0\.0\.2 is a loopback address/);
  });

  const limits = WEBHOOK_INPUT_LIMITS;
  it.each([
    ['url', { url: `http://127.0.0.9:9/${'a'.repeat(limits.urlMaxLength)}` }],
    ['topic', { topic: `record.${'a'.repeat(limits.topicMaxLength)}.created` }],
    [
      'description',
      { description: 'd'.repeat(limits.descriptionMaxLength + 1) },
    ],
    ['name', { name: 'n'.repeat(limits.nameMaxLength + 1) }],
    [
      'includeRelations',
      {
        includeRelations: Array.from(
          { length: limits.includeRelationsMaxCount + 1 },
          (_, i) => `relation_${i}`,
        ),
      },
    ],
    [
      'filter',
      {
        filter: {
          groups: Array.from({ length: limits.filterMaxGroups + 1 }, () => ({
            items: [{ property: 'x', operator: 'IS_SET' }],
          })),
        },
      },
    ],
    ['secret', { secret: 's'.repeat(limits.secretMaxLength + 1) }],
  ])('answers 400 naming %s when over its limit', async (field, override) => {
    const response = await post('/', { ...valid, ...override });
    expect(response.status).toBe(400);
    const body = response.body as ErrorEnvelope;
    expect(body.errors.map((e) => e.field ?? '').join(' ')).toContain(field);
  });

  it('derives a label that fits its column from the longest topic', async () => {
    const topic = `record.*.formsubmission.${'a'.repeat(231)}`;
    expect(topic).toHaveLength(limits.topicMaxLength);
    const response = await post('/', { ...valid, topic });
    expect(response.status).toBe(200);
    const { label } = (response.body as { data: { label: string } }).data;
    expect(label).toHaveLength(limits.labelMaxLength);
    expect(label.endsWith('…')).toBe(true);
  });

  it('answers 400, not 500, for a body nested thousands of levels deep', async () => {
    // Sent as text: a JSON client cannot serialize such a value itself.
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const send = (method: 'post' | 'put', path: string, json: string) => {
      const server = request(app.getHttpServer());
      const url = `${BASE}${path}`;
      return (method === 'post' ? server.post(url) : server.put(url))
        .set('authorization', bearer(TOKEN_A))
        .set('content-type', 'application/json')
        .send(json);
    };
    const responses = [
      await send('post', '/index', `{"query":${deep}}`),
      await send(
        'post',
        '/',
        JSON.stringify({ ...valid, name: 'x' }).replace('"x"', deep),
      ),
      await send('post', `/${allowedUuid}/recover`, `{"since":${deep}}`),
      await send('put', `/${allowedUuid}`, `{"filter":${deep}}`),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect((response.body as ErrorEnvelope).errors).toEqual([
        expect.objectContaining({
          field: 'body',
          message: expect.stringMatching(/more than 32 levels/),
        }),
      ]);
    }
  });

  it('answers 400, not a database error, for a list filter with too many values in all', async () => {
    const items = Array.from({ length: 66 }, () => ({
      property: 'maxRetries',
      operator: 'IN',
      value: new Array<number>(500).fill(7),
    }));
    const response = await post('/index', {
      filter: {
        groups: [{ items: items.slice(0, 33) }, { items: items.slice(33) }],
      },
    });
    expect(response.status).toBe(400);
    expect((response.body as ErrorEnvelope).errors).toEqual([
      expect.objectContaining({
        field: 'filter.groups',
        message: expect.stringMatching(/33000 values/),
      }),
    ]);
  });

  it('refuses a request body over the limit without a stack or path', async () => {
    const response = await post('/', {
      ...valid,
      description: 'x'.repeat(limits.requestBodyMaxBytes + 1),
    });
    expect(response.status).toBe(413);
    expect(response.text).not.toMatch(/node_modules|at \w+ \(|\.ts:\d/);
  });
});

import { DataSource } from 'typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from 'nestjs-outbound-webhooks';
import type { DeliveryStatus } from 'nestjs-outbound-webhooks';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  ApiTestHost,
  DEMO_APP,
  GLOBEX,
  INITECH,
  LONELY_APP,
  TOKENS,
  webhookBody,
} from './api-test-host';

const SECRETS = [
  'whsec_c2VjcmV0LXZhbHVlLWZvci10ZXN0cw==',
  'plain-secret-for-update-42',
  'a-rotated-secret-value-77',
];

describeEachDatabase('REST API: webhooks CRUD', (db) => {
  let host: ApiTestHost;

  beforeAll(async () => {
    host = await ApiTestHost.start(db);
  });
  afterAll(() => host?.close());

  describe('authentication and company selection', () => {
    it('answers 401 in the error envelope without a token', async () => {
      const res = await host.call('get', '/me', { token: null });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        message: 'Unauthorized',
        status: 401,
        errors: [expect.objectContaining({ type: 'GENERAL' })],
        requestId: expect.any(String),
      });
    });

    it('answers 401 for an unknown token and for a non-bearer scheme', async () => {
      expect((await host.call('get', '/me', { token: 'nope' })).status).toBe(
        401,
      );
      const basic = await host.call('get', '/me', {
        token: null,
        headers: { Authorization: 'Basic YTpi' },
      });
      expect(basic.status).toBe(401);
    });

    it('answers 403 for a company the user does not belong to', async () => {
      const res = await host.call('get', '/me', { company: INITECH });
      expect(res.status).toBe(403);
      expect(res.body.errors[0]).toMatchObject({
        type: 'GENERAL',
        field: 'X-Caraer-Company-Uuid',
      });
    });

    it('echoes a given x-request-id and generates one otherwise', async () => {
      const given = await host.call('get', '/me', {
        token: null,
        headers: { 'x-request-id': 'req-123' },
      });
      expect(given.body.requestId).toBe('req-123');
      expect(given.headers['x-request-id']).toBe('req-123');
      const generated = await host.call('get', '/me', { token: null });
      expect(generated.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('GET /me, /formats, /events', () => {
    it('returns the default company of the caller', async () => {
      const res = await host.call('get', '/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        message: 'Success',
        data: expect.objectContaining({
          uuid: ACME,
          name: 'Acme',
          updatedAt: 1_764_700_000_000,
        }),
      });
    });

    it('returns the company selected by the header', async () => {
      const res = await host.call('get', '/me', {
        token: TOKENS.multi,
        company: GLOBEX,
      });
      expect(res.body.data).toMatchObject({ uuid: GLOBEX, name: 'Globex' });
    });

    it('lists every format with its description and example', async () => {
      const res = await host.call('get', '/formats');
      expect(res.status).toBe(200);
      const names = res.body.data.map((f: { name: string }) => f.name);
      expect(names).toEqual(
        expect.arrayContaining(['LEGACY', 'USER_FRIENDLY', 'RAW']),
      );
      for (const format of res.body.data) {
        expect(format).toEqual({
          name: expect.any(String),
          label: expect.any(String),
          description: expect.any(String),
          contentType: 'application/json',
          default: format.name === 'LEGACY',
          example: expect.anything(),
        });
      }
    });

    it('lists the topic catalogue', async () => {
      const res = await host.call('get', '/events');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ eventType: 'RecordCreated' }),
        ]),
      );
    });
  });

  describe('create', () => {
    it('creates with 200, defaults, a derived label and no secret', async () => {
      const res = await host.call('post', '/', { body: webhookBody() });
      expect(res.status).toBe(200);
      expect(res.body.message).toBe('Success');
      const data = res.body.data;
      expect(data).toEqual({
        uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        appUuid: null,
        url: 'http://127.0.0.1:9/hooks',
        topic: 'record.candidate.created',
        name: null,
        label: 'Candidate created',
        description: null,
        webhookFormat: 'LEGACY',
        filter: null,
        includeRelations: null,
        relationFilters: null,
        relationLimit: null,
        retryEnabled: true,
        maxRetries: null,
        retryBackoffMs: null,
        enabled: true,
        deliveryMode: 'HTTP',
        status: 'ACTIVE',
        disabledReason: null,
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
      });
      expect(Math.abs(data.createdAt - Date.now())).toBeLessThan(60_000);
    });

    it('stores every field and normalizes topic, format and filter', async () => {
      const res = await host.call('post', '/', {
        body: webhookBody({
          topic: 'Record.Candidate.Property_Changed.Email',
          name: 'n',
          label: 'My label',
          description: 'd',
          webhookFormat: 'user_friendly',
          filter: {
            groups: [
              { items: { property: 'email', operator: 'eq', value: 'x' } },
            ],
          },
          includeRelations: ['vacancies'],
          relationFilters: {
            vacancies: {
              groups: [{ items: [{ property: 'title', operator: 'IS_SET' }] }],
            },
          },
          relationLimit: 5,
          retryEnabled: false,
          maxRetries: 0,
          retryBackoffMs: 0,
          enabled: false,
          deliveryMode: 'HTTP',
        }),
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        topic: 'record.candidate.property_changed.email',
        label: 'My label',
        webhookFormat: 'USER_FRIENDLY',
        filter: {
          groups: [
            { items: [expect.objectContaining({ operator: 'EQUALS' })] },
          ],
        },
        includeRelations: ['vacancies'],
        relationLimit: 5,
        retryEnabled: false,
        maxRetries: 0,
        retryBackoffMs: 0,
        enabled: false,
        status: 'DISABLED',
      });
      const got = await host.call('get', `/${res.body.data.uuid}`);
      expect(got.body.data).toEqual(res.body.data);
    });

    it.each([
      ['url', { url: undefined }],
      ['url', { url: 'ftp://example.com/x' }],
      ['url', { url: 'http://user:pw@127.0.0.1/x' }],
      ['url', { url: `http://127.0.0.1/${'a'.repeat(2100)}` }],
      ['secret', { secret: undefined }],
      ['secret', { secret: 'short' }],
      ['secret', { secret: 'x'.repeat(513) }],
      ['topic', { topic: undefined }],
      ['topic', { topic: 'record.candidate.exploded' }],
      ['topic', { topic: `record.${'a'.repeat(300)}.created` }],
      ['webhookFormat', { webhookFormat: 'XML' }],
      [
        'filter.groups[0].items[0].operator',
        {
          filter: {
            groups: [{ items: [{ property: 'a', operator: 'LIKE' }] }],
          },
        },
      ],
      [
        'relationFilters.vacancies.groups[0].items[0].operator',
        {
          relationFilters: {
            vacancies: {
              groups: [{ items: [{ property: 'a', operator: 'SOUNDS_LIKE' }] }],
            },
          },
        },
      ],
      ['relationLimit', { relationLimit: 0 }],
      ['maxRetries', { maxRetries: -1 }],
      ['retryBackoffMs', { retryBackoffMs: -5 }],
      ['retryEnabled', { retryEnabled: 'yes' }],
      ['deliveryMode', { deliveryMode: 'SQS' }],
      ['description', { description: 'd'.repeat(4001) }],
      ['includeRelations', { includeRelations: 'vacancies' }],
      ['colour', { colour: 'red' }],
    ])('refuses a bad %s with a 400 naming it', async (field, overrides) => {
      const res = await host.call('post', '/', {
        body: webhookBody(overrides),
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        status: 400,
        requestId: expect.any(String),
      });
      const entry = res.body.errors.find(
        (e: { field?: string }) => e.field === field,
      );
      expect(entry).toEqual({
        type: expect.stringMatching(/^(VALIDATION|INVALID_VALUE)$/),
        message: expect.any(String),
        field,
        correctionSuggestion: expect.any(String),
      });
    });

    it('refuses a URL to a blocked network (outside the allow-list)', async () => {
      const res = await host.call('post', '/', {
        body: webhookBody({ url: 'http://10.1.2.3/hook' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'url' });
    });

    it('lists every bad field at once', async () => {
      const res = await host.call('post', '/', {
        body: { url: 7, secret: 'x', topic: 'nope' },
      });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['url', 'secret']));
    });

    it('lists shape and content errors of one request together', async () => {
      const res = await host.call('post', '/', {
        body: {
          url: 'ftp://127.0.0.1/hooks',
          secret: 'short',
          topic: 'record.candidate.craeted',
          webhookFormat: 'NOPE',
          filter: {
            groups: [{ items: [{ property: 'a', operator: 'NEAR' }] }],
          },
        },
      });
      expect(res.status).toBe(400);
      const byField = Object.fromEntries(
        res.body.errors.map((e: { field: string }) => [e.field, e]),
      );
      expect(Object.keys(byField).sort()).toEqual(
        [
          'filter.groups[0].items[0].operator',
          'secret',
          'topic',
          'url',
          'webhookFormat',
        ].sort(),
      );
      expect(res.body.errors).toHaveLength(5);
      expect(byField.topic.correctionSuggestion).toMatch(
        /record\.candidate\.created/,
      );
    });

    it.each([
      [{ name: 'a\u0000b' }, 'name'],
      [{ description: 'x\u0000' }, 'description'],
      [{ topic: 'record.candidate.created\u0000' }, 'topic'],
      [{ includeRelations: ['vacancies', 'a\u0000'] }, 'includeRelations[1]'],
      [
        {
          filter: {
            groups: [
              {
                items: [
                  { property: 'name', operator: 'EQUALS', value: 'a\u0000b' },
                ],
              },
            ],
          },
        },
        'filter.groups[0].items[0].value',
      ],
    ])(
      'refuses a NUL character in %j with one 400 naming the field',
      async (override, field) => {
        const res = await host.call('post', '/', {
          body: webhookBody(override),
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({
            type: 'VALIDATION',
            field,
            message: expect.stringMatching(/NUL/),
          }),
        ]);
      },
    );

    it('refuses an unpaired surrogate, which no database stores as sent', async () => {
      const res = await host.call('post', '/', {
        body: webhookBody({ name: 'a\ud800b' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'name',
          message: expect.stringMatching(/unpaired UTF-16 surrogate/),
        }),
      ]);
      const paired = await host.call('post', '/', {
        body: webhookBody({ name: 'emoji \ud83d\ude00' }),
      });
      expect(paired.status).toBe(200);
      expect(paired.body.data.name).toBe('emoji 😀');
    });

    it.each([
      [{ url: 123 }, 'url', /string/],
      [{ name: 5 }, 'name', /string/],
      [{ maxRetries: '3' }, 'maxRetries', /integer/],
      [{ webhookFormat: '' }, 'webhookFormat', /empty/],
      [{ maxRetries: 1e300 }, 'maxRetries', /100/],
      [{ retryBackoffMs: 1e20 }, 'retryBackoffMs', /86400000/],
      [{ relationLimit: 1e300 }, 'relationLimit', /1000/],
      [
        { relationFilters: { ['r'.repeat(256)]: { groups: [] } } },
        'relationFilters',
        /256 characters/,
      ],
    ])(
      'refuses %j with exactly one message for the field',
      async (override, field, why) => {
        const res = await host.call('post', '/', {
          body: webhookBody(override),
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({
            field,
            message: expect.stringMatching(why),
          }),
        ]);
      },
    );

    it.each([
      [
        {
          filter: {
            groups: [
              {
                items: [
                  { property: 'status', operator: 'EQUALS', value: 'x', op: 1 },
                ],
              },
            ],
          },
        },
        'filter.groups[0].items[0].op',
      ],
      [
        {
          filter: {
            groups: [
              { items: { property: 'status', operator: 'IS_SET' }, any: true },
            ],
          },
        },
        'filter.groups[0].any',
      ],
      [{ filter: { groups: [], mode: 'AND' } }, 'filter.mode'],
      [
        {
          relationFilters: {
            vacancies: {
              groups: [
                { items: [{ property: 'title', operator: 'IS_SET', x: 1 }] },
              ],
            },
          },
        },
        'relationFilters.vacancies.groups[0].items[0].x',
      ],
    ])(
      'refuses an unknown key inside a filter: %j',
      async (override, field) => {
        const res = await host.call('post', '/', {
          body: webhookBody(override),
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({ type: 'VALIDATION', field }),
        ]);
      },
    );

    it.each([
      ['constructor', { constructor: { prototype: { polluted: 1 } } }],
      ['toString', { toString: 'x' }],
      ['__proto__', JSON.parse('{"__proto__": {"polluted": 1}}') as object],
    ])(
      'refuses a field named like an Object member (%s) as unknown',
      async (field, extra) => {
        for (const [path, body] of [
          ['/', { ...webhookBody(), ...extra }],
          ['/index', { ...extra }],
        ] as const) {
          const res = await host.call('post', path, { body });
          expect(res.status).toBe(400);
          expect(res.body.errors).toEqual([
            expect.objectContaining({
              field,
              message: `Unknown field "${field}".`,
            }),
          ]);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
    );

    it('refuses Object member names inside filters and sort, naming the path', async () => {
      const item = JSON.parse(
        '{"property": "status", "operator": "EQUALS", "value": "x", "__proto__": {"a": 1}}',
      ) as object;
      const created = await host.call('post', '/', {
        body: webhookBody({
          filter: { groups: [{ items: [item] }] },
          relationFilters: { vacancies: { groups: [], constructor: 1 } },
        }),
      });
      expect(created.status).toBe(400);
      expect(
        created.body.errors.map((e: { field: string }) => e.field).sort(),
      ).toEqual([
        'filter.groups[0].items[0].__proto__',
        'relationFilters.vacancies.constructor',
      ]);
      const listed = await host.call('post', '/index', {
        body: {
          sort: [
            JSON.parse('{"property": "createdAt", "__proto__": {"x": 1}}'),
          ],
          filter: { groups: [{ items: [{ toString: 'x' }] }] },
        },
      });
      expect(listed.status).toBe(400);
      expect(
        listed.body.errors.map((e: { field: string }) => e.field).sort(),
      ).toEqual(['filter.groups[0].items[0].toString', 'sort[0].__proto__']);
    });

    it('lists the first 49 of 200 unknown fields and counts the rest', async () => {
      const extra = Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [`unknown${i}`, i]),
      );
      const res = await host.call('post', '/', {
        body: { ...webhookBody(), ...extra },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(50);
      expect(res.body.errors[0]).toMatchObject({ field: 'unknown0' });
      expect(res.body.errors[49]).toEqual({
        type: 'GENERAL',
        message: '151 more errors are not listed.',
        correctionSuggestion: expect.any(String),
      });
    });

    it('accepts and ignores the read-only fields of a fetched webhook', async () => {
      const created = await host.call('post', '/', { body: webhookBody() });
      const copy = await host.call('post', '/', {
        body: { ...created.body.data, secret: SECRETS[0] },
      });
      expect(copy.status).toBe(200);
      expect(copy.body.data.uuid).not.toBe(created.body.data.uuid);
    });
  });

  describe('app webhooks', () => {
    it('creates a webhook owned by an installed app', async () => {
      const res = await host.call('post', `/apps/${DEMO_APP}`, {
        body: webhookBody(),
      });
      expect(res.status).toBe(200);
      expect(res.body.data.appUuid).toBe(DEMO_APP);
    });

    it('answers 404 for an unknown app', async () => {
      const res = await host.call(
        'post',
        '/apps/cccccccc-cccc-4ccc-8ccc-cccccccccccc',
        {
          body: webhookBody(),
        },
      );
      expect(res.status).toBe(404);
      expect(res.body.errors[0]).toMatchObject({
        type: 'NOT_FOUND',
        field: 'appUuid',
      });
    });

    it('answers 400 for an app the company has not installed', async () => {
      const notInstalled = await host.call('post', `/apps/${LONELY_APP}`, {
        body: webhookBody(),
      });
      expect(notInstalled.status).toBe(400);
      expect(notInstalled.body.errors[0].field).toBe('appUuid');
      const otherCompany = await host.call('post', `/apps/${DEMO_APP}`, {
        token: TOKENS.globex,
        body: webhookBody(),
      });
      expect(otherCompany.status).toBe(400);
    });
  });

  describe('show, update, delete', () => {
    it('shows one webhook and 404s on an unknown or malformed uuid', async () => {
      const created = await host.call('post', '/', { body: webhookBody() });
      const uuid = created.body.data.uuid;
      expect((await host.call('get', `/${uuid}`)).body.data.uuid).toBe(uuid);
      for (const bad of [
        '00000000-0000-4000-8000-000000000000',
        'not-a-uuid',
      ]) {
        const res = await host.call('get', `/${bad}`);
        expect(res.status).toBe(404);
        expect(res.body.errors[0].type).toBe('NOT_FOUND');
      }
    });

    it('updates only the fields sent, and clears optional ones with null', async () => {
      const created = await host.call('post', '/', {
        body: webhookBody({ name: 'before', description: 'keep me' }),
      });
      const uuid = created.body.data.uuid;
      const res = await host.call('put', `/${uuid}`, {
        body: {
          name: null,
          topic: 'record.vacancy.updated',
          secret: SECRETS[1],
          maxRetries: 3,
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        name: null,
        description: 'keep me',
        topic: 'record.vacancy.updated',
        label: 'Vacancy updated',
        maxRetries: 3,
        url: 'http://127.0.0.1:9/hooks',
      });
      expect(res.body.data.updatedAt).toBeGreaterThanOrEqual(
        created.body.data.updatedAt,
      );
      const stored = await host.app
        .get(DataSource)
        .getRepository(WebhookEntity)
        .findOneByOrFail({ uuid });
      expect(stored.secret).toBe(SECRETS[1]);
    });

    it('refuses null for a required field and a bad value on update', async () => {
      const created = await host.call('post', '/', { body: webhookBody() });
      const uuid = created.body.data.uuid;
      const res = await host.call('put', `/${uuid}`, {
        body: { url: null, topic: 'record.x.bogus' },
      });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['url', 'topic']));
    });

    it('deletes, cancels its pending deliveries and returns the uuid', async () => {
      const created = await host.call('post', '/', { body: webhookBody() });
      const uuid = created.body.data.uuid;
      const dataSource = host.app.get(DataSource);
      const now = Date.now();
      const row = (n: number, status: DeliveryStatus) => ({
        uuid: `del-${uuid}-${n}`,
        companyUuid: ACME,
        webhookUuid: uuid,
        eventUuid: `00000000-0000-4000-8000-00000000000${n}`,
        topic: 'record.candidate.created',
        status,
        body: '{}',
        attemptCount: 0,
        nextAttemptAt: now,
        leaseOwner: n === 2 ? 'someone' : null,
        createdAt: now,
        updatedAt: now,
      });
      const deliveries = dataSource.getRepository(WebhookDeliveryEntity);
      await deliveries.insert([
        row(1, 'PENDING'),
        row(2, 'PENDING'),
        row(3, 'SUCCEEDED'),
      ]);
      const res = await host.call('delete', `/${uuid}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Success', data: uuid });
      const rows = await deliveries.find({ where: { webhookUuid: uuid } });
      const byUuid = Object.fromEntries(rows.map((r) => [r.uuid, r.status]));
      expect(byUuid).toEqual({
        [`del-${uuid}-1`]: 'CANCELLED',
        [`del-${uuid}-2`]: 'CANCELLED',
        [`del-${uuid}-3`]: 'SUCCEEDED',
      });
      expect(rows.every((r) => r.leaseOwner === null)).toBe(true);
      expect((await host.call('get', `/${uuid}`)).status).toBe(404);
      expect((await host.call('delete', `/${uuid}`)).status).toBe(404);
    });
  });

  it('answers 404 in the envelope for an unknown path under the prefix', async () => {
    const res = await host.call('get', '/x/y/z');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      status: 404,
      errors: [{ type: 'NOT_FOUND' }],
    });
  });

  it('never returned a secret in any response body', () => {
    expect(host.log.bodies.length).toBeGreaterThan(20);
    for (const secret of SECRETS) {
      expect(host.log.containing(secret)).toEqual([]);
    }
    expect(host.log.withSecretKeys()).toEqual([]);
  });
});

import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { WebhookEntity } from 'nestjs-outbound-webhooks';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  ApiTestHost,
  GLOBEX,
  TOKENS,
  webhookBody,
} from './api-test-host';

const SAME_TIME = 1_700_000_000_000;

/** A row as a test wants it, straight into the table. */
function row(
  uuid: string,
  overrides: Partial<WebhookEntity> = {},
): QueryDeepPartialEntity<WebhookEntity> {
  return {
    uuid,
    companyUuid: ACME,
    appUuid: null,
    url: 'http://127.0.0.1:9/hook',
    secret: 'stored-secret-value',
    topic: 'record.candidate.created',
    name: null,
    label: null,
    description: null,
    webhookFormat: 'LEGACY',
    deliveryMode: 'HTTP',
    enabled: true,
    status: 'ACTIVE' as const,
    createdAt: SAME_TIME,
    updatedAt: SAME_TIME,
    ...overrides,
  } as QueryDeepPartialEntity<WebhookEntity>;
}

const uuidOf = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeEachDatabase('REST API: pagination', (db) => {
  let host: ApiTestHost;

  beforeAll(async () => {
    host = await ApiTestHost.start(db);
    const repo = host.app.get(DataSource).getRepository(WebhookEntity);
    // Seven rows share one createdAt: only the uuid can order them.
    await repo.insert(
      // Inserted out of order, so storage order cannot pass for uuid order.
      [4, 1, 7, 3, 6, 2, 5].map((n) =>
        row(uuidOf(n), { topic: `record.tie${n}.created` }),
      ),
    );
    await repo.insert([
      row(uuidOf(101), {
        topic: 'record.vacancy.updated',
        url: 'http://127.0.0.1:9/100%_off',
        name: 'Special NAME',
        createdAt: SAME_TIME + 10,
        enabled: false,
        status: 'DISABLED',
        webhookFormat: 'RAW',
      }),
      row(uuidOf(102), {
        topic: 'record.contact.deleted',
        label: 'Hello Label',
        createdAt: SAME_TIME + 20,
        appUuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        webhookFormat: 'USER_FRIENDLY',
      }),
      row(uuidOf(103), {
        topic: 'record.contact.created',
        description: 'Sends contacts to the CRM',
        createdAt: SAME_TIME + 30,
      }),
      row(uuidOf(201), { companyUuid: GLOBEX, topic: 'record.globex.created' }),
    ]);
  });
  afterAll(() => host?.close());

  const list = (body?: unknown, path = '/index', token: string = TOKENS.acme) =>
    host.call('post', path, { body, token });

  it('returns the first page with defaults and the paginated envelope', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message: 'Success',
      data: expect.any(Array),
      total: 10,
      page: 1,
      perPage: 25,
      lastPage: 1,
    });
    expect(res.body.data.map((w: { uuid: string }) => w.uuid)).toEqual([
      uuidOf(103),
      uuidOf(102),
      uuidOf(101),
      uuidOf(7),
      uuidOf(6),
      uuidOf(5),
      uuidOf(4),
      uuidOf(3),
      uuidOf(2),
      uuidOf(1),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('stored-secret-value');
  });

  it('pages rows with equal createdAt without skipping or repeating', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const res = await list({ page, limit: 3 });
      expect(res.body).toMatchObject({
        total: 10,
        perPage: 3,
        lastPage: 4,
        page,
      });
      seen.push(...res.body.data.map((w: { uuid: string }) => w.uuid));
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const ascending = await list({
      limit: 4,
      page: 2,
      sort: [{ key: 'createdAt', direction: 'asc' }],
    });
    expect(ascending.body.data.map((w: { uuid: string }) => w.uuid)).toEqual([
      uuidOf(5),
      uuidOf(6),
      uuidOf(7),
      uuidOf(101),
    ]);
  });

  it('breaks ties of any sort key by uuid, in the direction of the last key', async () => {
    const res = await list({
      sort: [{ property: 'webhookFormat', direction: 'ASC' }],
      limit: 7,
    });
    expect(res.body.data.map((w: { uuid: string }) => w.uuid)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map(uuidOf),
    );
    const pages: string[] = [];
    for (const page of [1, 2, 3, 4]) {
      const next = await list({
        sort: [{ property: 'enabled', direction: 'desc' }],
        limit: 3,
        page,
      });
      pages.push(...next.body.data.map((w: { uuid: string }) => w.uuid));
    }
    expect(new Set(pages).size).toBe(10);
    expect(pages.slice(0, 3)).toEqual([uuidOf(103), uuidOf(102), uuidOf(7)]);
  });

  it('returns an empty page past the end, with the totals', async () => {
    const res = await list({ page: 9, limit: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message: 'Success',
      data: [],
      total: 10,
      page: 9,
      perPage: 5,
      lastPage: 2,
    });
  });

  it('has lastPage 1 when nothing matches', async () => {
    const res = await list({ query: 'matches-nothing-at-all' });
    expect(res.body).toMatchObject({ data: [], total: 0, lastPage: 1 });
  });

  it.each([
    [{ page: 0 }, 'page'],
    [{ page: -3 }, 'page'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ page: 'two' }, 'page'],
    [{ limit: 2.5 }, 'limit'],
  ])(
    'refuses %j with 400 "Invalid pagination request"',
    async (body, field) => {
      const res = await list(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Invalid pagination request');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field,
            type: 'VALIDATION',
            correctionSuggestion: expect.any(String),
          }),
        ]),
      );
    },
  );

  it('accepts limit 100', async () => {
    expect((await list({ limit: 100 })).status).toBe(200);
  });

  it.each([
    [[{ property: 'secret' }], 'sort[0].property'],
    [
      [{ property: 'created_at; DROP TABLE webhook_webhooks' }],
      'sort[0].property',
    ],
    [[{ key: 'description' }], 'sort[0].property'],
    [[{ property: 'topic', direction: 'sideways' }], 'sort[0].direction'],
  ])('refuses the sort %j with a 400 naming it', async (sort, field) => {
    const res = await list({ sort });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid pagination request');
    expect(res.body.errors[0]).toMatchObject({ field });
    expect((await list()).body.total).toBe(10);
  });

  it('sorts by a whitelisted field with the key alias and lower-case direction', async () => {
    const res = await list({
      sort: [{ key: 'topic', direction: 'desc' }],
      limit: 3,
    });
    expect(res.body.data.map((w: { topic: string }) => w.topic)).toEqual([
      'record.vacancy.updated',
      'record.tie7.created',
      'record.tie6.created',
    ]);
  });

  it('searches topic, url, name, label and description case-insensitively', async () => {
    const uuids = async (query: string) =>
      (await list({ query })).body.data.map((w: { uuid: string }) => w.uuid);
    expect(await uuids('VACANCY')).toEqual([uuidOf(101)]);
    expect(await uuids('special name')).toEqual([uuidOf(101)]);
    expect(await uuids('hello label')).toEqual([uuidOf(102)]);
    expect(await uuids('the crm')).toEqual([uuidOf(103)]);
    // LIKE wildcards are matched literally.
    expect(await uuids('100%_')).toEqual([uuidOf(101)]);
    expect(await uuids('%')).toEqual([uuidOf(101)]);
    expect(await uuids('_')).toEqual([uuidOf(101)]);
  });

  it('filters on webhook fields, with the filters alias', async () => {
    const uuids = async (body: unknown) => {
      const res = await list(body);
      expect(res.status).toBe(200);
      return res.body.data.map((w: { uuid: string }) => w.uuid).sort();
    };
    const item = (property: string, operator: string, value?: unknown) => ({
      groups: [{ items: [{ property, operator, value }] }],
    });
    expect(await uuids({ filter: item('enabled', 'EQUALS', false) })).toEqual([
      uuidOf(101),
    ]);
    expect(await uuids({ filters: item('status', 'eq', 'DISABLED') })).toEqual([
      uuidOf(101),
    ]);
    expect(
      await uuids({
        filter: item('webhookFormat', 'IN', ['RAW', 'USER_FRIENDLY']),
      }),
    ).toEqual([uuidOf(101), uuidOf(102)]);
    expect(await uuids({ filter: item('appUuid', 'IS_NOT_EMPTY') })).toEqual([
      uuidOf(102),
    ]);
    expect(
      await uuids({
        filter: item('createdAt', 'BETWEEN', [
          SAME_TIME + 5,
          new Date(SAME_TIME + 25).toISOString(),
        ]),
      }),
    ).toEqual([uuidOf(101), uuidOf(102)]);
    expect(
      await uuids({ filter: item('topic', 'contains', 'CONTACT') }),
    ).toEqual([uuidOf(102), uuidOf(103)]);
    // Groups are OR-ed, items inside a group AND-ed.
    expect(
      await uuids({
        filter: {
          groups: [
            {
              items: [
                {
                  property: 'topic',
                  operator: 'STARTS_WITH',
                  value: 'record.contact',
                },
                { property: 'label', operator: 'IS_EMPTY' },
              ],
            },
            {
              items: { property: 'name', operator: 'ENDS_WITH', value: 'name' },
            },
          ],
        },
      }),
    ).toEqual([uuidOf(101), uuidOf(103)]);
    expect(
      await uuids({
        filter: item('label', 'NOT_EQUALS', 'Hello Label'),
        limit: 100,
      }),
    ).toHaveLength(9);
  });

  it.each([
    [{ property: 'secret', operator: 'EQUALS', value: 'x' }, '.property'],
    [{ property: 'topic', operator: 'CHANGED' }, '.operator'],
    [{ property: 'enabled', operator: 'CONTAINS', value: 'x' }, '.operator'],
    [{ property: 'createdAt', operator: 'BETWEEN', value: [1] }, '.value'],
    [{ property: 'enabled', operator: 'EQUALS', value: 'maybe' }, '.value'],
    [{ property: 'topic', relation: 'x', operator: 'EQUALS' }, ''],
  ])(
    'refuses the filter item %j with a 400 naming it',
    async (item, suffix) => {
      const res = await list({ filter: { groups: [{ items: [item] }] } });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Invalid pagination request');
      expect(res.body.errors[0].field).toBe(
        `filter.groups[0].items[0]${suffix}`,
      );
    },
  );

  it.each([
    [
      { property: 'createdAt', operator: 'GREATER_THAN', value: 1e300 },
      '.value',
    ],
    [
      { property: 'maxRetries', operator: 'GREATER_THAN', value: 1e300 },
      '.value',
    ],
    [{ property: 'maxRetries', operator: 'EQUALS', value: 1.5 }, '.value'],
    [{ property: 'createdAt', operator: 'EQUALS', value: 1.5 }, '.value'],
    [{ property: 'retryBackoffMs', operator: 'IN', value: [1e20] }, '.value'],
    [{ property: 'topic', operator: 'CONTAINS', value: 'a\u0000b' }, '.value'],
    [{ property: 'topic', operator: 'eq', value: 'x', foo: 1 }, '.foo'],
  ])(
    'refuses the out-of-range or malformed filter item %j with a 400 naming it',
    async (item, suffix) => {
      const res = await list({ filter: { groups: [{ items: [item] }] } });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Invalid pagination request');
      expect(res.body.errors[0]).toMatchObject({
        type: 'VALIDATION',
        field: `filter.groups[0].items[0]${suffix}`,
        correctionSuggestion: expect.any(String),
      });
    },
  );

  it('refuses unknown keys of a filter and of a group, naming the path', async () => {
    const top = await list({ filter: { groups: [], extra: true } });
    expect(top.status).toBe(400);
    expect(top.body.errors[0].field).toBe('filter.extra');
    const group = await list({ filter: { groups: [{ items: [], or: 1 }] } });
    expect(group.status).toBe(400);
    expect(group.body.errors[0].field).toBe('filter.groups[0].or');
  });

  it('treats filter {} (no groups) as no filter', async () => {
    const res = await list({ filter: {} });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(10);
  });

  it('accepts the bounds of the ranges: int32 and epoch ms up to 8.64e15', async () => {
    const res = await list({
      filter: {
        groups: [
          {
            items: [
              { property: 'createdAt', operator: 'LESS_THAN', value: 8.64e15 },
              {
                property: 'maxRetries',
                operator: 'NOT_EQUALS',
                value: 2_147_483_647,
              },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(10);
  });

  it('compares enum fields case-insensitively', async () => {
    const res = await list({
      filter: {
        groups: [
          {
            items: [
              { property: 'status', operator: 'EQUALS', value: 'disabled' },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((w: { uuid: string }) => w.uuid)).toEqual([
      uuidOf(101),
    ]);
    const format = await list({
      filter: {
        groups: [
          {
            items: [
              { property: 'webhookFormat', operator: 'IN', value: ['raw'] },
            ],
          },
        ],
      },
    });
    expect(format.body.total).toBe(1);
  });

  it.each([
    [{ query: 'a\u0000b' }, 'query'],
    [{ page: 1e300 }, 'page'],
    [{ sort: [{ property: 'topic', key: 'url' }] }, 'sort[0].key'],
    [{ sort: [{ property: 'topic', order: 'ASC' }] }, 'sort[0].order'],
  ])('refuses %j with a 400 naming the field', async (body, field) => {
    const res = await list(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid pagination request');
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ field, type: 'VALIDATION' });
  });

  it('reports only the type error for a wrong-type limit', async () => {
    const res = await list({ limit: '25' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'limit', type: 'VALIDATION' }),
    ]);
  });

  it('refuses a NUL character in the topic of the path', async () => {
    const res = await list({}, '/index/a%00b');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('topic');
  });

  it('refuses unknown fields of the pagination request', async () => {
    const res = await list({ pageSize: 10 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'pageSize' });
  });

  it('POST /index/{topic} keeps the webhooks whose topic contains it', async () => {
    const res = await list({}, '/index/CONTACT');
    expect(res.body.total).toBe(2);
    const narrowed = await list({ query: 'crm' }, '/index/contact');
    expect(narrowed.body.data.map((w: { uuid: string }) => w.uuid)).toEqual([
      uuidOf(103),
    ]);
    expect((await list({}, '/index/record.tie')).body.total).toBe(7);
  });

  it("lists only the selected company's webhooks", async () => {
    const globex = await list({}, '/index', TOKENS.globex);
    expect(globex.body.data.map((w: { uuid: string }) => w.uuid)).toEqual([
      uuidOf(201),
    ]);
    const multi = await host.call('post', '/index', {
      token: TOKENS.multi,
      company: GLOBEX,
      body: {},
    });
    expect(multi.body.total).toBe(1);
    const created = await host.call('post', '/', {
      token: TOKENS.globex,
      body: webhookBody({ topic: 'record.globex.updated' }),
    });
    expect(created.status).toBe(200);
    expect((await list()).body.total).toBe(10);
  });
});

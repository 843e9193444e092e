import type { INestApplication } from '@nestjs/common';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  GLOBEX,
  GraphRelationLoader,
  candidate,
  clearTables,
  deliveries,
  events,
  fanOutAll,
  insertWebhook,
  servicesOf,
} from './publishing-fixtures';

const vacancy = (uuid: string, title: string, salary: number) => ({
  uuid,
  objectName: 'vacancy',
  properties: { title, salary },
});

describeEachDatabase('relations and fan-out', (db) => {
  const loader = new GraphRelationLoader();
  let app: INestApplication;
  let second: INestApplication;
  let s: ReturnType<typeof servicesOf>;

  beforeAll(async () => {
    app = await createTestApp(db, {
      mountControllers: false,
      webhooks: {
        relationLoader: loader,
        leaseMs: 20_000,
        companyInfoProvider: {
          getCompany: (uuid) =>
            Promise.resolve(
              uuid === ACME ? { uuid, name: 'Acme', updatedAt: 0 } : null,
            ),
        },
      },
    });
    s = servicesOf(app);
    if (db.kind !== 'sqlite') {
      second = await createTestApp(db, {
        mountControllers: false,
        webhooks: { relationLoader: loader },
      });
    }
  });
  afterAll(async () => {
    await second?.close();
    await app?.close();
  });
  beforeEach(async () => {
    loader.clear();
    await clearTables(s.dataSource);
  });

  it('filters on related records loaded through the host loader', async () => {
    const ada = candidate({ name: 'Ada' });
    const bob = candidate({ name: 'Bob' });
    loader.link(
      ACME,
      ada.uuid,
      'applied_to',
      vacancy('v1', 'Senior Engineer', 90),
    );
    loader.link(ACME, bob.uuid, 'applied_to', vacancy('v2', 'Designer', 50));
    loader.link(ACME, bob.uuid, 'owner', {
      uuid: 'u1',
      objectName: 'user',
      properties: {},
    });
    const engineers = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      filter: {
        groups: [
          {
            items: [
              {
                relation: 'applied_to',
                property: 'title',
                operator: 'contains',
                value: 'engineer',
              },
            ],
          },
        ],
      },
    });
    const owned = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      filter: {
        groups: [{ items: [{ relation: 'owner', operator: 'IS_SET' }] }],
      },
    });
    const anyRich = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      filter: {
        groups: [
          {
            items: [
              {
                relation: '*',
                property: 'salary',
                operator: 'GREATER_THAN',
                value: '60',
              },
            ],
          },
        ],
      },
    });
    await s.publisher.recordCreated({ companyUuid: ACME, record: ada });
    await s.publisher.recordCreated({ companyUuid: ACME, record: bob });
    expect(await fanOutAll(s.fanOut)).toBe(2);
    const made = await deliveries(s.dataSource);
    const pairs = made
      .map((d) => `${d.webhookUuid}:${JSON.parse(d.body).record.uuid}`)
      .sort();
    expect(pairs).toEqual(
      [
        `${engineers.uuid}:${ada.uuid}`,
        `${anyRich.uuid}:${ada.uuid}`,
        `${owned.uuid}:${bob.uuid}`,
      ].sort(),
    );
    expect(loader.calls.every((call) => call.companyUuid === ACME)).toBe(true);
  });

  it('includes relations only when listed, filtered by relationFilters and cut at relationLimit', async () => {
    const ada = candidate({ name: 'Ada' });
    loader.link(ACME, ada.uuid, 'applied_to', vacancy('v1', 'Engineer', 90));
    loader.link(ACME, ada.uuid, 'applied_to', vacancy('v2', 'Designer', 40));
    loader.link(ACME, ada.uuid, 'applied_to', vacancy('v3', 'Architect', 95));
    loader.link(ACME, ada.uuid, 'owner', {
      uuid: 'u1',
      objectName: 'user',
      properties: {},
    });
    const including = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      webhookFormat: 'USER_FRIENDLY',
      includeRelations: ['applied_to'],
      relationFilters: {
        applied_to: {
          groups: [
            {
              items: [
                { property: 'salary', operator: 'GREATER_THAN', value: 50 },
              ],
            },
          ],
        },
      },
      relationLimit: 1,
    });
    const plain = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      webhookFormat: 'USER_FRIENDLY',
    });
    await s.publisher.recordCreated({ companyUuid: ACME, record: ada });
    await fanOutAll(s.fanOut);
    const made = await deliveries(s.dataSource);
    const byWebhook = new Map(
      made.map((d) => [d.webhookUuid, JSON.parse(d.body)]),
    );
    expect(byWebhook.get(including.uuid).record.relations).toEqual({
      applied_to: [
        {
          uuid: 'v1',
          objectName: 'vacancy',
          properties: { title: 'Engineer', salary: 90 },
        },
      ],
    });
    expect(byWebhook.get(including.uuid).companyName).toBe('Acme');
    expect(byWebhook.get(plain.uuid).record).not.toHaveProperty('relations');
  });

  it('uses related records passed with the event instead of the loader', async () => {
    const ada = candidate({ name: 'Ada' });
    const hook = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      includeRelations: ['applied_to'],
      webhookFormat: 'RAW',
    });
    await s.publisher.recordCreated({
      companyUuid: ACME,
      record: ada,
      relations: { applied_to: [vacancy('v9', 'Passed', 1)] },
    });
    await fanOutAll(s.fanOut);
    const [delivery] = await deliveries(s.dataSource);
    expect(delivery.webhookUuid).toBe(hook.uuid);
    expect(JSON.parse(delivery.body).relations.applied_to[0].uuid).toBe('v9');
    expect(loader.calls).toHaveLength(0);
  });

  it('a repeated fan-out of an event (process died before marking it) keeps the first delivery and body', async () => {
    const ada = candidate({ name: 'Ada' });
    const related = vacancy('v1', 'Engineer', 90);
    loader.link(ACME, ada.uuid, 'applied_to', related);
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      includeRelations: ['applied_to'],
    });
    await s.publisher.recordCreated({ companyUuid: ACME, record: ada });
    expect(await fanOutAll(s.fanOut)).toBe(1);
    const [before] = await deliveries(s.dataSource);
    await s.dataSource
      .createQueryBuilder()
      .update('webhook_events')
      .set({ fannedOut: false, fanoutLeaseUntil: null })
      .execute();
    related.properties.title = 'Changed later';
    expect(await fanOutAll(s.fanOut)).toBe(1);
    const after = await deliveries(s.dataSource);
    expect(after).toHaveLength(1);
    expect(after[0].uuid).toBe(before.uuid);
    expect(after[0].body).toBe(before.body);
    expect(after[0].body).toContain('"Engineer"');
  });

  it('an event whose relations cannot be loaded waits for its lease, others go on', async () => {
    const failing = candidate({ name: 'Broken' });
    const fine = candidate({ name: 'Fine' });
    const original = loader.load.bind(loader);
    loader.load = (request) =>
      request.record.uuid === failing.uuid
        ? Promise.reject(new Error('host database unavailable'))
        : original(request);
    try {
      await insertWebhook(s.dataSource, {
        topic: 'record.candidate.created',
        includeRelations: ['applied_to'],
      });
      await s.publisher.recordCreated({ companyUuid: ACME, record: failing });
      await s.publisher.recordCreated({ companyUuid: ACME, record: fine });
      expect(await s.fanOut.fanOutPending(10)).toBe(1);
      expect(await s.fanOut.fanOutPending(10)).toBe(0);
      const stored = await events(s.dataSource);
      expect(
        stored.filter((e) => e.fannedOut).map((e) => e.recordUuid),
      ).toEqual([fine.uuid]);
      expect(
        stored.find((e) => !e.fannedOut)?.fanoutLeaseUntil,
      ).toBeGreaterThan(Date.now());
    } finally {
      loader.load = original;
    }
  });

  it('webhooks of another company are never matched nor asked about', async () => {
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      companyUuid: GLOBEX,
      includeRelations: ['applied_to'],
    });
    await s.publisher.recordCreated({ companyUuid: ACME, record: candidate() });
    expect(await fanOutAll(s.fanOut)).toBe(1);
    expect(await deliveries(s.dataSource)).toHaveLength(0);
    expect(loader.calls).toHaveLength(0);
  });

  if (db.kind !== 'sqlite') {
    it('two processes fanning out at once create each delivery exactly once', async () => {
      const other = servicesOf(second);
      const hooks = [
        await insertWebhook(s.dataSource, {
          topic: 'record.candidate.created',
        }),
        await insertWebhook(s.dataSource, { topic: 'record.*.all' }),
      ];
      await s.dataSource.transaction(async (manager) => {
        for (let i = 0; i < 300; i++) {
          await s.publisher.recordCreated({
            companyUuid: ACME,
            record: candidate({ i }),
            manager,
          });
        }
      });
      const [a, b] = await Promise.all([
        fanOutAll(s.fanOut, 25),
        fanOutAll(other.fanOut, 25),
      ]);
      expect(a + b).toBe(300);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      const made = await deliveries(s.dataSource);
      expect(made).toHaveLength(600);
      const pairs = new Set(made.map((d) => `${d.eventUuid}:${d.webhookUuid}`));
      expect(pairs.size).toBe(600);
      expect(new Set(made.map((d) => d.webhookUuid))).toEqual(
        new Set(hooks.map((h) => h.uuid)),
      );
    });
  }
});

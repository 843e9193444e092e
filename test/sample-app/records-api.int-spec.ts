import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { WebhookPublisher } from 'nestjs-outbound-webhooks';
import type { PublishResult, RecordEventInput } from 'nestjs-outbound-webhooks';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import { WEBHOOKS_API_PATH } from '../../sample-app/src/configure-app';
import { SEED } from '../../sample-app/src/seed/seed-data';
import { createSampleApp } from './support/create-sample-app';
import { EventLog } from './support/event-log';
import {
  ACME,
  ACME_UUID,
  GLOBEX,
  GLOBEX_UUID,
  MULTI,
} from './support/sample-tokens';

describeEachDatabase('sample app records API', (db) => {
  let app: NestExpressApplication;
  let events: EventLog;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createSampleApp(db);
    events = new EventLog(app.get(DataSource));
    http = request(app.getHttpServer());
  });
  afterAll(() => app?.close());

  async function createCandidate(properties: object, headers = ACME) {
    const res = await http
      .post('/api/v2/records/candidate')
      .set(headers)
      .send({ properties })
      .expect(200);
    return res.body.data as { uuid: string; properties: object };
  }

  it('creates a record, returns it in the envelope and publishes created', async () => {
    let body: any;
    const topics = await events.added(async () => {
      const res = await http
        .post('/api/v2/records/candidate')
        .set(ACME)
        .send({
          properties: { name: 'Ada', tags: ['x'], score: 1.5, meta: null },
        })
        .expect(200);
      body = res.body;
    });
    expect(topics).toEqual(['record.candidate.created']);
    expect(body).toEqual({
      message: 'Success',
      data: {
        uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        objectName: 'candidate',
        properties: { name: 'Ada', tags: ['x'], score: 1.5, meta: null },
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    });
    const fetched = await http
      .get(`/api/v2/records/${body.data.uuid}`)
      .set(ACME)
      .expect(200);
    expect(fetched.body).toEqual(body);
  });

  it('publishes updated and one property_changed per changed property, nothing for a no-op', async () => {
    const record = await createCandidate({
      name: 'Bob',
      stage: 'new',
      city: 'Oslo',
    });
    let updated: any;
    const topics = await events.added(async () => {
      const res = await http
        .put(`/api/v2/records/candidate/${record.uuid}`)
        .set(ACME)
        .send({
          properties: { stage: 'interview', city: 'Oslo', email: 'b@x.io' },
        })
        .expect(200);
      updated = res.body.data;
    });
    expect(topics).toEqual([
      'record.candidate.property_changed.email',
      'record.candidate.property_changed.stage',
      'record.candidate.updated',
    ]);
    expect(updated.properties).toEqual({
      name: 'Bob',
      stage: 'interview',
      city: 'Oslo',
      email: 'b@x.io',
    });
    const noop = await events.added(() =>
      http
        .put(`/api/v2/records/candidate/${record.uuid}`)
        .set(ACME)
        .send({ properties: { stage: 'interview' } })
        .expect(200),
    );
    expect(noop).toEqual([]);
  });

  it('archives, restores and deletes with their topics', async () => {
    const record = await createCandidate({ name: 'Cy' });
    const path = `/api/v2/records/${record.uuid}`;
    expect(
      await events.added(() => http.delete(path).set(ACME).expect(200)),
    ).toEqual(['record.candidate.archived']);
    const again = await http.delete(path).set(ACME).expect(400);
    expect(again.body.errors[0].type).toBe('INVALID_VALUE');
    expect(
      await events.added(() =>
        http.post(`${path}/restore`).set(ACME).expect(200),
      ),
    ).toEqual(['record.candidate.restored']);
    await http.post(`${path}/restore`).set(ACME).expect(400);
    expect(
      await events.added(() =>
        http.delete(`${path}?mode=archive`).set(ACME).expect(200),
      ),
    ).toEqual(['record.candidate.archived']);
    expect(
      await events.added(() =>
        http.delete(`${path}?mode=delete`).set(ACME).expect(200),
      ),
    ).toEqual(['record.candidate.deleted']);
    await http.get(path).set(ACME).expect(404);
  });

  it('publishes relation_created and relation_deleted for a link between two objects', async () => {
    const candidate = await createCandidate({ name: 'Dee' });
    const vacancy = (
      await http
        .post('/api/v2/records/vacancy')
        .set(ACME)
        .send({ properties: { title: 'Engineer' } })
        .expect(200)
    ).body.data;
    const path = `/api/v2/records/relations/${candidate.uuid}/applied_to/${vacancy.uuid}`;
    let linked: any;
    expect(
      await events.added(async () => {
        linked = (await http.post(path).set(ACME).expect(200)).body;
      }),
    ).toEqual(['record.candidate.relation_created.applied_to']);
    expect(linked.data.uuid).toBe(candidate.uuid);
    await http.post(path).set(ACME).expect(400);
    expect(
      await events.added(() => http.delete(path).set(ACME).expect(200)),
    ).toEqual(['record.candidate.relation_deleted.applied_to']);
    await http.delete(path).set(ACME).expect(404);
  });

  it('publishes formsubmission for a form that creates a record', async () => {
    let data: any;
    expect(
      await events.added(async () => {
        const res = await http
          .post('/api/v2/forms/careers/submissions')
          .set(ACME)
          .send({ objectName: 'candidate', properties: { name: 'Eve' } })
          .expect(200);
        data = res.body.data;
      }),
    ).toEqual(['record.candidate.formsubmission.careers']);
    expect(data).toMatchObject({
      objectName: 'candidate',
      properties: { name: 'Eve' },
    });
  });

  it('rolls back the write when publishing fails: no record, no event', async () => {
    const dataSource = app.get(DataSource);
    const count = async () =>
      Number(
        (await dataSource.query('SELECT COUNT(*) AS n FROM sample_records'))[0]
          .n,
      );
    const before = await count();
    let res: any;
    const topics = await events.added(async () => {
      // Within the 2 MB body limit, above the module's 1 MiB maxPayloadBytes:
      // the record row is inserted, then the publisher refuses the event.
      res = await http
        .post('/api/v2/records/candidate')
        .set(ACME)
        .send({ properties: { cv: 'x'.repeat(1_200_000) } })
        .expect(400);
    });
    expect(res.body.errors[0]).toMatchObject({
      type: 'VALIDATION',
      field: 'properties',
    });
    expect(topics).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('publishes one relation_created when the same link is requested twice at once', async () => {
    const a = await createCandidate({ name: 'Jo' });
    const b = await createCandidate({ name: 'Kim' });
    const path = `/api/v2/records/relations/${a.uuid}/knows/${b.uuid}`;
    let statuses: number[] = [];
    const topics = await events.added(async () => {
      const results = await Promise.all([
        http.post(path).set(ACME),
        http.post(path).set(ACME),
      ]);
      statuses = results.map((r) => r.status).sort();
    });
    expect(statuses[0]).toBe(200);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(topics).toEqual(['record.candidate.relation_created.knows']);
  });

  it('publishes the acting user and the X-Request-Id as correlation id', async () => {
    const res = await http
      .post('/api/v2/records/candidate')
      .set({ ...ACME, 'X-Request-Id': 'req-4242' })
      .send({ properties: { name: 'Lu' } })
      .expect(200);
    const rows: { correlation_id: string; payload: string }[] = await app
      .get(DataSource)
      .query(
        db.kind === 'postgres'
          ? 'SELECT correlation_id, payload FROM webhook_events WHERE record_uuid = $1'
          : 'SELECT correlation_id, payload FROM webhook_events WHERE record_uuid = ?',
        [res.body.data.uuid],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0].correlation_id).toBe('req-4242');
    expect(JSON.parse(rows[0].payload).user).toMatchObject({
      uuid: SEED.users.acmeAdmin.uuid,
      email: SEED.users.acmeAdmin.email,
    });
    const bad = await http
      .post('/api/v2/records/Bad')
      .set({ ...ACME, 'X-Request-Id': 'req-4243' })
      .send({ properties: {} })
      .expect(400);
    expect(bad.body.requestId).toBe('req-4243');
  });

  it('loses no update when several arrive at once', async () => {
    const record = await createCandidate({ name: 'Mo' });
    const topics = await events.added(() =>
      Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          http
            .put(`/api/v2/records/candidate/${record.uuid}`)
            .set(ACME)
            .send({ properties: { [`p${i}`]: i } })
            .expect(200),
        ),
      ),
    );
    const final = await http
      .get(`/api/v2/records/${record.uuid}`)
      .set(ACME)
      .expect(200);
    expect(final.body.data.properties).toEqual({
      name: 'Mo',
      p0: 0,
      p1: 1,
      p2: 2,
      p3: 3,
      p4: 4,
    });
    expect(topics.filter((t) => t === 'record.candidate.updated')).toHaveLength(
      5,
    );
    expect(topics.filter((t) => t.includes('property_changed'))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `record.candidate.property_changed.p${i}`),
    );
  });

  it('answers bad input with a 400 envelope naming the field', async () => {
    const res = await http
      .post('/api/v2/records/Candidate')
      .set(ACME)
      .send({ properties: {} })
      .expect(400);
    expect(res.body).toEqual({
      message: expect.stringContaining('"Candidate"'),
      status: 400,
      errors: [
        {
          type: 'VALIDATION',
          message: expect.any(String),
          field: 'objectName',
          correctionSuggestion: expect.stringContaining('"candidate"'),
        },
      ],
      requestId: expect.any(String),
    });
    for (const body of [{}, { properties: [] }, { properties: 'x' }]) {
      const bad = await http
        .post('/api/v2/records/candidate')
        .set(ACME)
        .send(body)
        .expect(400);
      expect(bad.body.errors[0].field).toBe('properties');
    }
    const mode = await http
      .delete('/api/v2/records/00000000-0000-4000-8000-000000000000?mode=purge')
      .set(ACME)
      .expect(400);
    expect(mode.body.errors[0].field).toBe('mode');
    const form = await http
      .post('/api/v2/forms/careers/submissions')
      .set(ACME)
      .send({ properties: {} })
      .expect(400);
    expect(form.body.errors[0].field).toBe('objectName');
    await http
      .post('/api/v2/records/relations/a/Bad-Name/b')
      .set(ACME)
      .expect(400);
  });

  it('requires a token (401) and membership of the selected company (403)', async () => {
    const none = await http.get('/api/v2/records/x').expect(401);
    expect(none.body).toMatchObject({
      status: 401,
      errors: [{ type: 'GENERAL' }],
    });
    await http
      .get('/api/v2/records/x')
      .set({ Authorization: 'Bearer nope' })
      .expect(401);
    await http
      .post('/api/v2/records/candidate')
      .set({ ...ACME, 'X-Caraer-Company-Uuid': GLOBEX_UUID })
      .send({ properties: {} })
      .expect(403);
  });

  it("scopes records to the selected company: another company's record is a 404", async () => {
    const acmeRecord = await createCandidate({ name: 'Fay' });
    await events.mark();
    const path = `/api/v2/records/${acmeRecord.uuid}`;
    const topics = await events.added(async () => {
      await http.get(path).set(GLOBEX).expect(404);
      await http
        .put(`/api/v2/records/candidate/${acmeRecord.uuid}`)
        .set(GLOBEX)
        .send({ properties: { name: 'X' } })
        .expect(404);
      await http.delete(`${path}?mode=delete`).set(GLOBEX).expect(404);
      await http.post(`${path}/restore`).set(GLOBEX).expect(404);
      const other = await createCandidate({ name: 'G' }, GLOBEX);
      await http
        .post(
          `/api/v2/records/relations/${other.uuid}/knows/${acmeRecord.uuid}`,
        )
        .set(GLOBEX)
        .expect(404);
    });
    expect(topics).toEqual(['record.candidate.created']);
    await http.get(path).set(ACME).expect(200);
  });

  it('lets a member of two companies pick one with X-Caraer-Company-Uuid (default Acme)', async () => {
    let asGlobex: any;
    let asDefault: any;
    const companies = await events.addedCompanies(async () => {
      asGlobex = await createCandidate({ name: 'Hal' }, {
        ...MULTI,
        'X-Caraer-Company-Uuid': GLOBEX_UUID,
      } as typeof ACME);
      asDefault = await createCandidate({ name: 'Ivy' }, MULTI);
    });
    expect(companies).toEqual([ACME_UUID, GLOBEX_UUID].sort());
    await http.get(`/api/v2/records/${asGlobex.uuid}`).set(GLOBEX).expect(200);
    await http.get(`/api/v2/records/${asGlobex.uuid}`).set(ACME).expect(404);
    await http.get(`/api/v2/records/${asDefault.uuid}`).set(ACME).expect(200);
  });
});

/** A record property that makes the publisher below fail the transaction. */
const FAIL_AFTER_PUBLISH = 'failAfterPublish';

/** The sample app's dispatcher polls every 50 ms (createSampleApp). */
const DISPATCHER_TICKS = 250;

/** What the failing publisher saw inside the host's transaction. */
interface InsideTransaction {
  recordUuid: string;
  eventUuids: string[];
  recordRows: number;
  eventRows: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function countRows(
  manager: EntityManager,
  table: string,
  column: string,
  value: string,
): Promise<number> {
  const placeholder =
    manager.connection.options.type === 'postgres' ? '$1' : '?';
  return manager
    .query(
      `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ${placeholder}`,
      [value],
    )
    .then((rows: { n: string | number }[]) => Number(rows[0].n));
}

/**
 * The real publisher. For a record carrying FAIL_AFTER_PUBLISH it writes the
 * event as usual, notes what the caller's transaction holds, lets the
 * dispatcher tick a few times, then fails the transaction: its next
 * statement fails in the database (or, had the caller passed no manager, a
 * plain throw inside its transaction callback).
 */
class PublishThenFailPublisher extends WebhookPublisher {
  readonly inside: InsideTransaction[] = [];

  override async recordCreated(
    input: RecordEventInput,
  ): Promise<PublishResult> {
    const result = await super.recordCreated(input);
    if (input.record.properties[FAIL_AFTER_PUBLISH] !== true) return result;
    const { manager } = input;
    if (!manager) throw new Error('published outside the transaction');
    const recordUuid = input.record.uuid;
    this.inside.push({
      recordUuid,
      eventUuids: result.eventUuids,
      recordRows: await countRows(
        manager,
        'sample_records',
        'uuid',
        recordUuid,
      ),
      eventRows: await countRows(
        manager,
        'webhook_events',
        'uuid',
        result.eventUuids[0],
      ),
    });
    await sleep(DISPATCHER_TICKS);
    await manager.query('SELECT no_such_column FROM sample_records');
    return result;
  }
}

describeEachDatabase(
  'sample app records API: a transaction that fails after publishing',
  (db) => {
    let app: NestExpressApplication;
    let http: ReturnType<typeof request>;
    let receiver: TestReceiver;
    let publisher: PublishThenFailPublisher;

    beforeAll(async () => {
      receiver = await startReceiver();
      app = await createSampleApp(db, {}, (builder) =>
        builder
          .overrideProvider(WebhookPublisher)
          .useClass(PublishThenFailPublisher),
      );
      publisher = app.get(WebhookPublisher);
      http = request(app.getHttpServer());
      await http
        .post(`${WEBHOOKS_API_PATH}/`)
        .set(ACME)
        .send({
          url: receiver.url('/records'),
          secret: 'rollback-secret-1',
          topic: 'record.candidate.created',
        })
        .expect(200);
    });
    afterAll(async () => {
      await app?.close();
      await receiver?.close();
    });

    it('a write whose transaction fails after its event was written stores, delivers and leaks nothing', async () => {
      const failed = await http
        .post('/api/v2/records/candidate')
        .set(ACME)
        .send({ properties: { name: 'Nil', [FAIL_AFTER_PUBLISH]: true } })
        .expect(500);
      expect(failed.body).toEqual({
        message: 'Internal server error',
        status: 500,
        errors: [
          { type: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
        ],
        requestId: expect.any(String),
      });
      expect(failed.text).not.toMatch(/no_such_column|SELECT|sample_records/);

      // The event really was written, beside the record, in one transaction.
      expect(publisher.inside).toEqual([
        {
          recordUuid: expect.any(String),
          eventUuids: [expect.any(String)],
          recordRows: 1,
          eventRows: 1,
        },
      ]);
      const [{ recordUuid, eventUuids }] = publisher.inside;
      const manager = app.get(DataSource).manager;
      expect(
        await countRows(manager, 'sample_records', 'uuid', recordUuid),
      ).toBe(0);
      expect(
        await countRows(manager, 'webhook_events', 'uuid', eventUuids[0]),
      ).toBe(0);
      expect(
        await countRows(manager, 'webhook_events', 'record_uuid', recordUuid),
      ).toBe(0);
      expect(
        await countRows(
          manager,
          'webhook_deliveries',
          'event_uuid',
          eventUuids[0],
        ),
      ).toBe(0);

      // A write that commits is delivered: the dispatcher ran after the
      // failed one, and sent nothing for it.
      const committed = await http
        .post('/api/v2/records/candidate')
        .set(ACME)
        .send({ properties: { name: 'Control' } })
        .expect(200);
      await receiver.waitForRequests(1);
      await sleep(DISPATCHER_TICKS);
      expect(receiver.requests).toHaveLength(1);
      const delivered = receiver.requests[0].body.toString('utf8');
      expect(delivered).toContain(committed.body.data.uuid);
      expect(delivered).not.toContain(recordUuid);
    });

    it('a hard delete carries the relations the record had, for filters and includeRelations', async () => {
      await http
        .post(`${WEBHOOKS_API_PATH}/`)
        .set(ACME)
        .send({
          url: receiver.url('/deleted'),
          secret: 'deleted-secret-1',
          topic: 'record.candidate.deleted',
          includeRelations: ['applied_to'],
          filter: {
            groups: [
              { items: [{ relation: 'applied_to', operator: 'IS_NOT_EMPTY' }] },
            ],
          },
        })
        .expect(200);
      const create = (object: string, properties: object) =>
        http
          .post(`/api/v2/records/${object}`)
          .set(ACME)
          .send({ properties })
          .expect(200)
          .then((res) => res.body.data as { uuid: string });
      const linked = await create('candidate', { name: 'Linked' });
      const alone = await create('candidate', { name: 'Alone' });
      const job = await create('vacancy', { title: 'Engineer' });
      await http
        .post(`/api/v2/records/relations/${linked.uuid}/applied_to/${job.uuid}`)
        .set(ACME)
        .expect(200);
      for (const { uuid } of [linked, alone]) {
        await http
          .delete(`/api/v2/records/${uuid}?mode=delete`)
          .set(ACME)
          .expect(200);
      }
      const deleted = () =>
        receiver.requests.filter((r) => r.url === '/deleted');
      const deadline = Date.now() + 5_000;
      while (deleted().length < 1 && Date.now() < deadline) await sleep(25);
      await sleep(DISPATCHER_TICKS);
      expect(deleted()).toHaveLength(1);
      const body = JSON.parse(deleted()[0].body.toString('utf8'));
      expect(body.record.uuid).toBe(linked.uuid);
      expect(
        body.relations.applied_to.map((r: { uuid: string }) => r.uuid),
      ).toEqual([job.uuid]);
    });
  },
);

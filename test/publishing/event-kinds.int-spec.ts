import type { INestApplication } from '@nestjs/common';
import {
  PayloadSerializationError,
  PayloadTooLargeError,
  InvalidEventError,
  WebhookPublishNotifier,
} from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import {
  ACME,
  GLOBEX,
  candidate,
  clearTables,
  deliveries,
  events,
  fanOutAll,
  insertWebhook,
  servicesOf,
} from './publishing-fixtures';

describeEachDatabase('publishing event kinds', (db) => {
  let app: INestApplication;
  let s: ReturnType<typeof servicesOf>;

  beforeAll(async () => {
    app = await createTestApp(db, {
      mountControllers: false,
      webhooks: {
        topics: [{ topic: 'invoice.paid', description: 'An invoice was paid' }],
        maxPayloadBytes: 4096,
      },
    });
    s = servicesOf(app);
  });
  afterAll(() => app?.close());
  beforeEach(() => clearTables(s.dataSource));

  it('an update stores `updated` and one property_changed per deep-changed property, in one go', async () => {
    const before = candidate({
      email: 'a@x.io',
      address: { city: 'Oslo', lines: ['1', '2'] },
      tags: ['a'],
      untouched: 'same',
    });
    const after = {
      ...before,
      properties: {
        email: 'b@x.io',
        address: { city: 'Oslo', lines: ['1', '2'] },
        tags: ['a', 'b'],
        untouched: 'same',
        added: new Date(Date.UTC(2024, 0, 1)),
      },
    };
    const email = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.property_changed.email',
      webhookFormat: 'USER_FRIENDLY',
    });
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.property_changed.address',
    });
    const result = await s.publisher.recordUpdated({
      companyUuid: ACME,
      record: after,
      previous: before,
    });
    expect(result.topics).toEqual([
      'record.candidate.updated',
      'record.candidate.property_changed.email',
      'record.candidate.property_changed.tags',
      'record.candidate.property_changed.added',
    ]);
    expect((await events(s.dataSource)).map((e) => e.topic).sort()).toEqual(
      [...result.topics].sort(),
    );
    expect(await fanOutAll(s.fanOut)).toBe(4);
    const made = await deliveries(s.dataSource);
    expect(made.map((d) => d.webhookUuid)).toEqual([email.uuid]);
    expect(JSON.parse(made[0].body).event).toMatchObject({
      type: 'property_changed',
      propertyName: 'email',
      previousValue: 'a@x.io',
      newValue: 'b@x.io',
    });
  });

  it('an update that changes nothing stores nothing', async () => {
    const record = candidate({ a: { b: [1] } });
    const result = await s.publisher.recordUpdated({
      companyUuid: ACME,
      record: { ...record, properties: { a: { b: [1] } } },
      previous: record,
    });
    expect(result).toEqual({ eventUuids: [], topics: [], duplicate: false });
    expect(await events(s.dataSource)).toHaveLength(0);
  });

  it('the same idempotency key for one company is stored once; another company may reuse it', async () => {
    const first = await s.publisher.recordCreated({
      companyUuid: ACME,
      record: candidate(),
      idempotencyKey: 'create-42',
    });
    const again = await s.publisher.recordCreated({
      companyUuid: ACME,
      record: candidate(),
      idempotencyKey: 'create-42',
    });
    const other = await s.publisher.recordCreated({
      companyUuid: GLOBEX,
      record: candidate(),
      idempotencyKey: 'create-42',
    });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({
      eventUuids: first.eventUuids,
      topics: ['record.candidate.created'],
      duplicate: true,
    });
    expect(other.duplicate).toBe(false);
    expect(await events(s.dataSource)).toHaveLength(2);
  });

  it('a duplicate key inside the caller transaction does not abort it', async () => {
    const previous = candidate({ v: 1 });
    await s.dataSource.transaction(async (manager) => {
      await s.publisher.recordUpdated({
        companyUuid: ACME,
        record: { ...previous, properties: { v: 2 } },
        previous,
        idempotencyKey: 'upd-1',
        manager,
      });
      const repeated = await s.publisher.recordUpdated({
        companyUuid: ACME,
        record: { ...previous, properties: { v: 2 } },
        previous,
        idempotencyKey: 'upd-1',
        manager,
      });
      expect(repeated.duplicate).toBe(true);
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate(),
        manager,
      });
    });
    expect((await events(s.dataSource)).map((e) => e.topic).sort()).toEqual([
      'record.candidate.created',
      'record.candidate.property_changed.v',
      'record.candidate.updated',
    ]);
  });

  if (db.kind !== 'sqlite') {
    it('two concurrent transactions with one key store it once, and both commit', async () => {
      const first = s.dataSource.createQueryRunner();
      const second = s.dataSource.createQueryRunner();
      await first.connect();
      await second.connect();
      try {
        await first.startTransaction();
        await second.startTransaction();
        const a = await s.publisher.recordCreated({
          companyUuid: ACME,
          record: candidate(),
          idempotencyKey: 'race',
          manager: first.manager,
        });
        const racing = s.publisher.recordCreated({
          companyUuid: ACME,
          record: candidate(),
          idempotencyKey: 'race',
          manager: second.manager,
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        await first.commitTransaction();
        const b = await racing;
        await second.query('SELECT 1');
        await second.commitTransaction();
        expect(a.duplicate).toBe(false);
        expect(b.duplicate).toBe(true);
        expect(b.eventUuids).toEqual(a.eventUuids);
      } finally {
        await first.release();
        await second.release();
      }
      expect(await events(s.dataSource)).toHaveLength(1);
    });
  }

  it('a relation event reaches both ends, once each, with the matching end as record', async () => {
    const fromEnd = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.relation_created',
      webhookFormat: 'USER_FRIENDLY',
    });
    const toEnd = await insertWebhook(s.dataSource, {
      topic: 'record.vacancy.relation_created.applied_to',
      webhookFormat: 'USER_FRIENDLY',
    });
    const both = await insertWebhook(s.dataSource, {
      topic: 'record.*.relation_created',
    });
    await insertWebhook(s.dataSource, {
      topic: 'record.vacancy.relation_created.owner',
    });
    const from = candidate({ name: 'Ada' });
    const to = {
      uuid: 'v-1',
      objectName: 'Vacancy',
      properties: { title: 'Engineer' },
    };
    await s.publisher.relationCreated({
      companyUuid: ACME,
      relationName: 'applied_to',
      fromRecord: from,
      toRecord: to,
    });
    expect(await fanOutAll(s.fanOut)).toBe(1);
    const made = await deliveries(s.dataSource);
    const byWebhook = new Map(made.map((d) => [d.webhookUuid, d]));
    expect(made).toHaveLength(3);
    const fromBody = JSON.parse(byWebhook.get(fromEnd.uuid)!.body);
    const toBody = JSON.parse(byWebhook.get(toEnd.uuid)!.body);
    expect(fromBody.record.record.uuid).toBe(from.uuid);
    expect(toBody.record.record).toMatchObject({
      uuid: 'v-1',
      objectName: 'vacancy',
    });
    expect(toBody.event).toMatchObject({
      type: 'relation_created',
      relationName: 'applied_to',
      fromRecordUuid: from.uuid,
      toRecordUuid: 'v-1',
    });
    expect(byWebhook.get(toEnd.uuid)!.topic).toBe(
      'record.vacancy.relation_created.applied_to',
    );
    expect(JSON.parse(byWebhook.get(both.uuid)!.body).record.uuid).toBe(
      from.uuid,
    );
  });

  it('a relation event whose filter passes only the to end is delivered once, with the to end', async () => {
    const titled = (title: string) => ({
      groups: [
        { items: [{ property: 'title', operator: 'EQUALS', value: title }] },
      ],
    });
    const named = (name: string) => ({
      groups: [
        { items: [{ property: 'name', operator: 'EQUALS', value: name }] },
      ],
    });
    const anyObject = await insertWebhook(s.dataSource, {
      topic: 'record.*.relation_created.applied_to',
      filter: titled('Engineer'),
    });
    const sameObject = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.relation_created.referred',
      filter: named('Cleo'),
    });
    const neither = await insertWebhook(s.dataSource, {
      topic: 'record.*.relation_created',
      filter: named('Nobody'),
    });
    const ada = candidate({ name: 'Ada' });
    const cleo = candidate({ name: 'Cleo' });
    const job = {
      uuid: 'v-2',
      objectName: 'vacancy',
      properties: { title: 'Engineer' },
    };
    await s.publisher.relationCreated({
      companyUuid: ACME,
      relationName: 'applied_to',
      fromRecord: ada,
      toRecord: job,
    });
    await s.publisher.relationCreated({
      companyUuid: ACME,
      relationName: 'referred',
      fromRecord: ada,
      toRecord: cleo,
    });
    expect(await fanOutAll(s.fanOut)).toBe(2);
    const made = await deliveries(s.dataSource);
    const recordOf = (webhookUuid: string) =>
      made
        .filter((d) => d.webhookUuid === webhookUuid)
        .map((d) => [d.topic, JSON.parse(d.body).record.uuid]);
    expect(recordOf(anyObject.uuid)).toEqual([
      ['record.vacancy.relation_created.applied_to', 'v-2'],
    ]);
    expect(recordOf(sameObject.uuid)).toEqual([
      ['record.candidate.relation_created.referred', cleo.uuid],
    ]);
    expect(recordOf(neither.uuid)).toEqual([]);
  });

  it('archived, restored and form submissions publish their topics', async () => {
    const record = candidate();
    await s.publisher.recordArchived({ companyUuid: ACME, record });
    await s.publisher.recordRestored({ companyUuid: ACME, record });
    await s.publisher.formSubmitted({
      companyUuid: ACME,
      record,
      formName: 'Apply_Form',
    });
    const hook = await insertWebhook(s.dataSource, {
      topic: 'record.candidate.formsubmission',
      webhookFormat: 'USER_FRIENDLY',
    });
    expect((await events(s.dataSource)).map((e) => e.topic).sort()).toEqual([
      'record.candidate.archived',
      'record.candidate.formsubmission.apply_form',
      'record.candidate.restored',
    ]);
    await fanOutAll(s.fanOut);
    const made = await deliveries(s.dataSource);
    expect(made.map((d) => d.webhookUuid)).toEqual([hook.uuid]);
    expect(JSON.parse(made[0].body).event).toMatchObject({
      type: 'formsubmission',
      formName: 'apply_form',
    });
  });

  it('a host topic is published with its data and matched with `*`', async () => {
    const hook = await insertWebhook(s.dataSource, {
      topic: 'invoice.*',
      filter: {
        groups: [{ items: { property: 'amount', operator: 'gt', value: 10 } }],
      },
    });
    const fixed = await insertWebhook(s.dataSource, {
      topic: 'invoice.*',
      filter: {
        groups: [
          {
            items: { property: 'amount', operator: 'GREATER_THAN', value: 10 },
          },
        ],
      },
    });
    await s.publisher.publish('Invoice.Paid', {
      companyUuid: ACME,
      data: { amount: '12.50', paidAt: new Date(0) },
    });
    await fanOutAll(s.fanOut);
    const made = await deliveries(s.dataSource);
    // The first webhook's stored filter is invalid ("gt"): skipped, not fatal.
    expect(made.map((d) => d.webhookUuid)).toEqual([fixed.uuid]);
    expect(made.map((d) => d.webhookUuid)).not.toContain(hook.uuid);
    expect(JSON.parse(made[0].body)).toMatchObject({
      topic: 'invoice.paid',
      event: 'CustomEvent',
      data: { amount: '12.50', paidAt: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('refuses an unregistered host topic', async () => {
    await expect(
      s.publisher.publish('invoice.lost', { companyUuid: ACME }),
    ).rejects.toBeInstanceOf(InvalidEventError);
  });

  it('refuses a relation whose to-record topic would not fit a delivery, and stores nothing', async () => {
    // The stored (from-record) topic is short; the one offered for the
    // to-record is 7 + 130 + 18 + 110 = 265 characters.
    await expect(
      s.publisher.relationCreated({
        companyUuid: ACME,
        relationName: 'r'.repeat(110),
        fromRecord: { uuid: 'f-1', objectName: 'a', properties: {} },
        toRecord: {
          uuid: 't-1',
          objectName: 'b'.repeat(130),
          properties: {},
        },
      }),
    ).rejects.toMatchObject({
      argument: 'topic',
      message: expect.stringContaining('is 265 characters long; at most 255'),
    });
    expect(await events(s.dataSource)).toHaveLength(0);
  });

  it('refuses unserializable values at publish time, naming the property, and stores nothing', async () => {
    await expect(
      s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ salary: 10n as unknown as number }),
      }),
    ).rejects.toBeInstanceOf(PayloadSerializationError);
    await expect(
      s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ salary: 10n as unknown as number }),
      }),
    ).rejects.toMatchObject({ path: 'record.properties.salary' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(
      s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ meta: cyclic as never }),
      }),
    ).rejects.toThrow(/record\.properties\.meta\.self refers back/);
    expect(await events(s.dataSource)).toHaveLength(0);
  });

  it('keeps big integers passed as strings exact', async () => {
    await insertWebhook(s.dataSource, {
      topic: 'record.candidate.created',
      webhookFormat: 'RAW',
    });
    await s.publisher.recordCreated({
      companyUuid: ACME,
      record: candidate({ id: '123456789012345678901234567890' }),
    });
    await fanOutAll(s.fanOut);
    const [delivery] = await deliveries(s.dataSource);
    expect(delivery.body).toContain('"id":"123456789012345678901234567890"');
  });

  it('refuses a payload above maxPayloadBytes with a clear error', async () => {
    await expect(
      s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ blob: 'x'.repeat(5000) }),
      }),
    ).rejects.toThrow(PayloadTooLargeError);
    await expect(
      s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate({ blob: 'x'.repeat(5000) }),
      }),
    ).rejects.toThrow(/above maxPayloadBytes \(4096\)/);
  });

  it('wakes same-process listeners only once the caller transaction commits', async () => {
    const notifier = app.get(WebhookPublishNotifier);
    let calls = 0;
    const stop = notifier.onPublish(() => calls++);
    try {
      await s.dataSource.transaction(async (manager) => {
        await s.publisher.recordCreated({
          companyUuid: ACME,
          record: candidate(),
          manager,
        });
        expect(calls).toBe(0);
      });
      expect(calls).toBe(1);
      await s.dataSource
        .transaction(async (manager) => {
          await s.publisher.recordCreated({
            companyUuid: ACME,
            record: candidate(),
            manager,
          });
          throw new Error('rollback');
        })
        .catch(() => undefined);
      expect(calls).toBe(1);
      await s.publisher.recordCreated({
        companyUuid: ACME,
        record: candidate(),
      });
      expect(calls).toBe(2);
    } finally {
      stop();
    }
  });

  it('a webhook of another company never matches', async () => {
    await insertWebhook(s.dataSource, {
      topic: 'record.*.all',
      companyUuid: GLOBEX,
    });
    await s.publisher.recordCreated({ companyUuid: ACME, record: candidate() });
    expect(await fanOutAll(s.fanOut)).toBe(1);
    expect(await deliveries(s.dataSource)).toHaveLength(0);
  });

  it('renders a test delivery for a webhook without storing anything', async () => {
    const hook = await insertWebhook(s.dataSource, {
      topic: 'record.*.property_changed',
      webhookFormat: 'USER_FRIENDLY',
    });
    const rendered = await s.fanOut.renderTestDelivery(hook);
    expect(rendered.deliveryId).toMatch(/^msg_/);
    expect(rendered.topic).toBe('record.record.property_changed.status');
    expect(JSON.parse(rendered.body)).toMatchObject({
      event: { type: 'property_changed', propertyName: 'status' },
      companyUuid: ACME,
    });
    expect(await deliveries(s.dataSource)).toHaveLength(0);
  });
});

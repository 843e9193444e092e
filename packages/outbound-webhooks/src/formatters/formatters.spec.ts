import type {
  StoredEventPayload,
  StoredRecord,
} from '../publisher/stored-event.interface';
import { LegacyFormatter } from './legacy.formatter';
import { RawFormatter } from './raw.formatter';
import { UserFriendlyFormatter } from './user-friendly.formatter';
import type { FormatInput } from './webhook-formatter.interface';

const candidate: StoredRecord = {
  uuid: 'r1',
  objectName: 'candidate',
  properties: {
    email: 'a@b.c',
    score: 5,
    joined: '2024-01-01T00:00:00.000Z',
    tags: [],
    note: null,
  },
  createdAt: 1000,
  updatedAt: 2000,
};
const vacancy: StoredRecord = {
  uuid: 'r2',
  objectName: 'vacancy',
  properties: { title: 'Engineer' },
  createdAt: 1,
  updatedAt: 2,
};

function input(
  event: Partial<StoredEventPayload> = {},
  extra: Partial<FormatInput> = {},
): FormatInput {
  const stored: StoredEventPayload = {
    type: 'RecordCreated',
    topic: 'record.candidate.created',
    companyUuid: 'c1',
    occurredAt: 1700000000123,
    correlationId: 'corr',
    user: { uuid: 'u1', email: 'u@x.y' },
    record: candidate,
    ...event,
  };
  return {
    deliveryId: 'msg_1',
    event: stored,
    record: stored.record,
    webhookTopic: stored.topic,
    matchedTopic: stored.topic,
    webhook: { uuid: 'w1', appUuid: null },
    relations: null,
    company: { uuid: 'c1', name: 'Acme' },
    ...extra,
  };
}

describe('LegacyFormatter', () => {
  const legacy = new LegacyFormatter();

  it('renders the platform shape with properties as { name, type, value }', () => {
    expect(legacy.render(input())).toEqual({
      topic: 'record.candidate.created',
      event: 'RecordCreated',
      timestamp: 1700000000123,
      companyUuid: 'c1',
      correlationId: 'corr',
      record: {
        uuid: 'r1',
        objectName: 'candidate',
        properties: [
          { name: 'email', type: 'string', value: 'a@b.c' },
          { name: 'score', type: 'number', value: 5 },
          {
            name: 'joined',
            type: 'datetime',
            value: '2024-01-01T00:00:00.000Z',
          },
          { name: 'tags', type: 'array', value: [] },
          { name: 'note', type: 'null', value: null },
        ],
        createdAt: 1000,
        updatedAt: 2000,
      },
    });
  });

  it('adds previous on updates', () => {
    const body = legacy.render(
      input({
        type: 'RecordUpdated',
        previous: { ...candidate, properties: {} },
      }),
    ) as Record<string, any>;
    expect(body.previous.properties).toEqual([]);
  });

  it('has no relations key unless the webhook includes relations', () => {
    expect(legacy.render(input())).not.toHaveProperty('relations');
    const body = legacy.render(
      input({}, { relations: { applied_to: [vacancy] } }),
    ) as Record<string, any>;
    expect(body.relations.applied_to[0].properties).toEqual([
      { name: 'title', type: 'string', value: 'Engineer' },
    ]);
  });

  it('has a name, label, description, JSON content type and an example', () => {
    expect(legacy.name).toBe('LEGACY');
    expect(legacy.contentType).toBe('application/json');
    expect(legacy.label).not.toBe('');
    expect(legacy.description).not.toBe('');
    expect(legacy.example).toMatchObject({ event: 'RecordUpdated' });
  });
});

describe('UserFriendlyFormatter', () => {
  const friendly = new UserFriendlyFormatter();

  it('renders the structured shape with epoch-ms timestamp', () => {
    expect(friendly.render(input())).toEqual({
      event: {
        type: 'Created',
        timestamp: 1700000000123,
        correlationId: 'corr',
      },
      record: {
        record: {
          uuid: 'r1',
          objectName: 'candidate',
          properties: candidate.properties,
        },
      },
      user: { uuid: 'u1', email: 'u@x.y', firstname: null, lastname: null },
      context: { companyUuid: 'c1' },
      companyUuid: 'c1',
      companyName: 'Acme',
    });
  });

  it.each([
    ['RecordCreated', 'Created'],
    ['RecordUpdated', 'Updated'],
    ['RecordDeleted', 'Deleted'],
    ['RecordArchived', 'Archived'],
    ['RecordRestored', 'Restored'],
    ['PropertyValueChanged', 'property_changed'],
    ['FormSubmissionEvent', 'formsubmission'],
    ['RelationCreated', 'relation_created'],
    ['RelationUpdated', 'relation_updated'],
    ['RelationDeleted', 'relation_deleted'],
  ] as const)('maps %s to event.type %s', (type, expected) => {
    expect((friendly.render(input({ type })) as any).event.type).toBe(expected);
  });

  it('carries property change details', () => {
    const body = friendly.render(
      input({
        type: 'PropertyValueChanged',
        propertyName: 'score',
        previousValue: 4,
        newValue: 5,
      }),
    ) as any;
    expect(body.event).toMatchObject({
      propertyName: 'score',
      previousValue: 4,
      newValue: 5,
    });
  });

  it('carries relation details and the matched end as the record', () => {
    const body = friendly.render(
      input(
        {
          type: 'RelationCreated',
          relation: {
            name: 'applied_to',
            fromRecord: candidate,
            toRecord: vacancy,
          },
        },
        { record: vacancy },
      ),
    ) as any;
    expect(body.event).toMatchObject({
      relationName: 'applied_to',
      fromRecordUuid: 'r1',
      toRecordUuid: 'r2',
    });
    expect(body.record.record.uuid).toBe('r2');
  });

  it('includes relations and appUuid only when present', () => {
    expect(friendly.render(input())).not.toHaveProperty('appUuid');
    expect((friendly.render(input()) as any).record).not.toHaveProperty(
      'relations',
    );
    const body = friendly.render(
      input(
        {},
        {
          relations: { applied_to: [vacancy] },
          webhook: { uuid: 'w', appUuid: 'app1' },
        },
      ),
    ) as any;
    expect(body.appUuid).toBe('app1');
    expect(body.record.relations).toEqual({
      applied_to: [
        {
          uuid: 'r2',
          objectName: 'vacancy',
          properties: { title: 'Engineer' },
        },
      ],
    });
  });

  it('gives a null user when there is none', () => {
    expect((friendly.render(input({ user: null })) as any).user).toBeNull();
  });

  it('uses the topic as event.type for host topics', () => {
    expect(
      (
        friendly.render(
          input({
            type: 'CustomEvent',
            topic: 'invoice.paid',
            record: null,
            data: { a: 1 },
          }),
        ) as any
      ).event.type,
    ).toBe('invoice.paid');
  });
});

describe('RawFormatter', () => {
  const raw = new RawFormatter();

  it('renders the stored event', () => {
    const event = input().event;
    expect(raw.render(input())).toEqual(event);
  });

  it('drops host-passed relations unless the webhook includes relations', () => {
    const withPassed = input({ relations: { applied_to: [vacancy] } });
    expect(raw.render(withPassed)).not.toHaveProperty('relations');
    expect(
      raw.render({ ...withPassed, relations: { applied_to: [] } }),
    ).toHaveProperty('relations', { applied_to: [] });
  });
});

describe('every shipped format', () => {
  it.each([
    new LegacyFormatter(),
    new UserFriendlyFormatter(),
    new RawFormatter(),
  ])('$name renders JSON that never contains a secret field', (formatter) => {
    const text = JSON.stringify(formatter.render(input()));
    expect(JSON.parse(text)).toBeTruthy();
    expect(text).not.toMatch(/secret/i);
  });
});

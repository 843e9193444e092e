import { InvalidEventError } from '../errors/invalid-event.error';
import {
  buildPayloadBase,
  changedProperties,
  formPayload,
  relationPayload,
  storedRecordOf,
  updatePayloads,
} from './event-payload.builder';
import { buildEventRows } from './event-row.builder';

const base = buildPayloadBase({ companyUuid: 'c1', occurredAt: 5 });
const record = (properties: Record<string, unknown>) =>
  storedRecordOf(
    { uuid: 'r1', objectName: 'Candidate', properties: properties as never },
    'record',
  );

describe('event payloads', () => {
  it('builds updated plus one property_changed per changed property', () => {
    const { payloads, skipped } = updatePayloads(
      base,
      record({ a: 2, same: { x: [1] }, 'bad name': 1 }),
      record({ a: 1, same: { x: [1] } }),
    );
    expect(payloads.map((p) => p.topic)).toEqual([
      'record.candidate.updated',
      'record.candidate.property_changed.a',
    ]);
    expect(payloads[1]).toMatchObject({
      type: 'PropertyValueChanged',
      propertyName: 'a',
      previousValue: 1,
      newValue: 2,
    });
    expect(skipped).toEqual(['bad name']);
  });

  it('does not count missing → null as a change', () => {
    expect(changedProperties(record({}), record({ a: null }))).toEqual([]);
    expect(
      changedProperties(record({ a: [1, 2] }), record({ a: [2, 1] })),
    ).toEqual(['a']);
  });

  it('lower-cases form and relation names into the topic', () => {
    expect(formPayload(base, record({}), 'Apply_Form').topic).toBe(
      'record.candidate.formsubmission.apply_form',
    );
    const to = storedRecordOf(
      { uuid: 'v1', objectName: 'vacancy', properties: {} },
      'toRecord',
    );
    expect(
      relationPayload(base, 'relation_deleted', 'Applied_To', record({}), to),
    ).toMatchObject({
      topic: 'record.candidate.relation_deleted.applied_to',
      type: 'RelationDeleted',
      relation: { name: 'applied_to' },
    });
  });

  it('refuses a name that cannot be a topic segment', () => {
    expect(() => formPayload(base, record({}), 'apply form')).toThrow(
      InvalidEventError,
    );
    expect(() =>
      storedRecordOf(
        { uuid: 'r', objectName: 'a.b', properties: {} },
        'record',
      ),
    ).toThrow(/record\.objectName/);
  });

  it('refuses a missing company, record uuid or a bad occurredAt', () => {
    expect(() => buildPayloadBase({ companyUuid: '' })).toThrow(/companyUuid/);
    expect(() =>
      storedRecordOf({ uuid: '', objectName: 'a', properties: {} }, 'record'),
    ).toThrow(/record\.uuid/);
    expect(() =>
      buildPayloadBase({ companyUuid: 'c', occurredAt: 'yesterday' }),
    ).toThrow(/occurredAt/);
  });
});

describe('buildEventRows', () => {
  const payloads = updatePayloads(
    base,
    record({ a: 2 }),
    record({ a: 1 }),
  ).payloads;

  it('keeps the key on the first row and derives one per following row', () => {
    const rows = buildEventRows(payloads, 'k1', 1 << 20, 9);
    expect(rows.map((r) => r.idempotencyKey)).toEqual([
      'k1',
      'k1#record.candidate.property_changed.a',
    ]);
    expect(JSON.parse(rows[0].payload)).toEqual(payloads[0]);
  });

  it('hashes a derived key that would be too long', () => {
    const rows = buildEventRows(payloads, 'k'.repeat(250), 1 << 20, 9);
    expect(rows[1].idempotencyKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses a key longer than 255 characters', () => {
    expect(() => buildEventRows(payloads, 'k'.repeat(256), 1 << 20, 9)).toThrow(
      /at most 255/,
    );
  });

  it('refuses a payload above the byte limit, counting UTF-8 bytes', () => {
    const big = updatePayloads(
      base,
      record({ a: 'é'.repeat(600) }),
      record({}),
    ).payloads;
    expect(() => buildEventRows(big, null, 1024, 9)).toThrow(
      /above maxPayloadBytes \(1024\)/,
    );
  });
});

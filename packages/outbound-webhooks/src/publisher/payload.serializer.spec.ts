import { PayloadSerializationError } from '../errors/payload-serialization.error';
import {
  MAX_PAYLOAD_DEPTH,
  serializeRecord,
  toJsonValue,
} from './payload.serializer';

describe('toJsonValue', () => {
  it('copies JSON values and turns a Date into ISO-8601 UTC', () => {
    expect(
      toJsonValue(
        {
          a: 'x',
          n: 1.5,
          big: '12345678901234567890',
          when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
          list: [1, null, { b: true }],
          skipped: undefined,
        },
        'data',
      ),
    ).toEqual({
      a: 'x',
      n: 1.5,
      big: '12345678901234567890',
      when: '2024-01-02T03:04:05.000Z',
      list: [1, null, { b: true }],
    });
  });

  it('keeps a shared (non-cyclic) reference', () => {
    const shared = { x: 1 };
    expect(toJsonValue({ a: shared, b: shared }, 'data')).toEqual({
      a: { x: 1 },
      b: { x: 1 },
    });
  });

  it.each([
    ['a BigInt', { salary: 10n }, 'data.salary', /BigInt.*strings/],
    ['a function', { f: () => 1 }, 'data.f', /function/],
    ['NaN', { n: NaN }, 'data.n', /NaN/],
    ['Infinity', { n: [Infinity] }, 'data.n[0]', /Infinity/],
    ['undefined in an array', { l: [1, undefined] }, 'data.l[1]', /undefined/],
    ['a Map', { m: new Map() }, 'data.m', /Map/],
    ['an invalid Date', { d: new Date('x') }, 'data.d', /invalid Date/],
  ])('rejects %s naming its path', (_label, value, path, reason) => {
    try {
      toJsonValue(value, 'data');
      throw new Error('expected a PayloadSerializationError');
    } catch (error) {
      expect(error).toBeInstanceOf(PayloadSerializationError);
      expect((error as PayloadSerializationError).path).toBe(path);
      expect((error as Error).message).toMatch(reason);
    }
  });

  it('rejects a cycle naming where it closes', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.child = { parent: node };
    expect(() => toJsonValue(node, 'record.properties')).toThrow(
      /record\.properties\.child\.parent refers back/,
    );
  });
});

describe('toJsonValue nesting', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it('accepts a value nested exactly to the limit', () => {
    expect(() =>
      toJsonValue(nested(MAX_PAYLOAD_DEPTH), 'properties.d'),
    ).not.toThrow();
  });

  it('rejects deeper nesting with a clear error instead of overflowing the stack', () => {
    expect(() => toJsonValue(nested(5_000), 'properties.d')).toThrow(
      /properties\.d.*nested more than 64 levels/,
    );
  });
});

describe('serializeRecord', () => {
  it('lower-cases the object name and turns times into epoch ms', () => {
    expect(
      serializeRecord(
        {
          uuid: 'r1',
          objectName: 'Candidate',
          properties: { a: 1 },
          createdAt: new Date(1000),
          updatedAt: '1970-01-01T00:00:02.000Z',
        },
        'record',
      ),
    ).toEqual({
      uuid: 'r1',
      objectName: 'candidate',
      properties: { a: 1 },
      createdAt: 1000,
      updatedAt: 2000,
    });
  });

  it('rejects an unreadable time', () => {
    expect(() =>
      serializeRecord(
        { uuid: 'r1', objectName: 'a', properties: {}, createdAt: 'soon' },
        'record',
      ),
    ).toThrow(/record\.createdAt is not a valid time/);
  });
});

import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { parseWebhookListFilter } from './webhook-list-filter.parser';

function parse(raw: unknown) {
  const errors: ApiErrorEntry[] = [];
  const filter = parseWebhookListFilter(raw, 'filter', errors);
  return { filter, errors };
}

const item = (value: Record<string, unknown>) => ({
  groups: [{ items: [value] }],
});

describe('parseWebhookListFilter', () => {
  it('treats a missing filter, empty groups and an empty group as no filter', () => {
    expect(parse(undefined)).toEqual({ filter: [], errors: [] });
    expect(parse({ groups: [] })).toEqual({ filter: [], errors: [] });
    expect(
      parse({
        groups: [
          { items: [] },
          { items: [{ property: 'topic', operator: 'eq', value: 'x' }] },
        ],
      }),
    ).toEqual({ filter: [], errors: [] });
  });

  it('accepts a single item object as items', () => {
    const { filter } = parse({
      groups: [
        { items: { property: 'url', operator: 'CONTAINS', value: 'a' } },
      ],
    });
    expect(filter[0][0]).toMatchObject({ field: 'url', operator: 'CONTAINS' });
  });

  it('normalizes aliases and coerces values to the field type', () => {
    expect(
      parse(
        item({
          property: 'createdAt',
          operator: 'between',
          value: ['1970-01-01T00:00:01Z', '2000'],
        }),
      ).filter[0][0].values,
    ).toEqual([1000, 2000]);
    expect(
      parse(item({ property: 'maxRetries', operator: 'IN', value: ['3', 4] }))
        .filter[0][0].values,
    ).toEqual([3, 4]);
    expect(
      parse(item({ property: 'enabled', operator: 'neq', value: false }))
        .filter[0][0],
    ).toMatchObject({ operator: 'NOT_EQUALS', values: [false] });
    expect(
      parse(item({ property: 'appUuid', operator: 'IS_NOT_SET' })).filter[0][0],
    ).toMatchObject({ operator: 'IS_EMPTY', values: [] });
  });

  it.each([
    [
      { property: 'secret', operator: 'eq', value: 'x' },
      'filter.groups[0].items[0].property',
    ],
    [
      { property: 'topic', operator: 'CHANGED_TO', value: 'x' },
      'filter.groups[0].items[0].operator',
    ],
    [
      { property: 'createdAt', operator: 'STARTS_WITH', value: '1' },
      'filter.groups[0].items[0].operator',
    ],
    [
      { property: 'topic', operator: 'GREATER_THAN', value: 'a' },
      'filter.groups[0].items[0].operator',
    ],
    [
      { property: 'topic', operator: 'IN', value: 'a' },
      'filter.groups[0].items[0].value',
    ],
    [
      { property: 'createdAt', operator: 'eq', value: 'yesterday' },
      'filter.groups[0].items[0].value',
    ],
    [
      { property: 'topic', operator: 'CONTAINS', value: null },
      'filter.groups[0].items[0].value',
    ],
    [
      { property: 'topic', object: 'candidate', operator: 'eq' },
      'filter.groups[0].items[0]',
    ],
  ])('refuses %j at %s', (bad, field) => {
    const { errors } = parse(item(bad));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      type: 'VALIDATION',
      field,
      correctionSuggestion: expect.any(String),
    });
  });

  it('refuses more groups or items than the limits allow', () => {
    const many = Array.from({ length: 21 }, () => ({ items: [] }));
    expect(parse({ groups: many }).errors[0].field).toBe('filter.groups');
  });
});

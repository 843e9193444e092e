import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { LIST_OPERATORS } from './list-filter-operands';
import { WEBHOOK_LIST_FIELDS } from './webhook-fields';
import type { WebhookFieldKind } from './webhook-fields';
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

  describe('operator suggestions', () => {
    const operators = [...new Set(Object.values(LIST_OPERATORS))];
    const sample: Record<WebhookFieldKind, unknown> = {
      string: 'a',
      boolean: true,
      number: 1,
      time: 0,
    };
    /** A filter item with a valid value for the field and the operator. */
    const itemFor = (property: string, operator: string) => {
      const value = sample[WEBHOOK_LIST_FIELDS[property].kind];
      if (operator === 'IS_EMPTY' || operator === 'IS_NOT_EMPTY') {
        return item({ property, operator });
      }
      if (operator === 'BETWEEN') {
        return item({ property, operator, value: [value, value] });
      }
      if (operator === 'IN' || operator === 'NOT_IN') {
        return item({ property, operator, value: [value] });
      }
      return item({ property, operator, value });
    };

    it.each(
      Object.entries(WEBHOOK_LIST_FIELDS).map(([property, spec]) => [
        spec.kind,
        property,
      ]),
    )(
      'for a %s field (%s), every refused operator suggests only operators the field accepts',
      (_kind, property) => {
        const accepted = operators.filter(
          (operator) => parse(itemFor(property, operator)).errors.length === 0,
        );
        const refused = operators.filter((op) => !accepted.includes(op));
        expect(accepted.length).toBeGreaterThan(0);
        expect(refused.length).toBeGreaterThan(0);
        for (const operator of refused) {
          const { errors } = parse(itemFor(property, operator));
          expect(errors).toHaveLength(1);
          expect(errors[0].field).toBe('filter.groups[0].items[0].operator');
          const suggested =
            errors[0].correctionSuggestion?.match(/\b[A-Z][A-Z_]+\b/g) ?? [];
          expect(suggested.length).toBeGreaterThan(0);
          expect(suggested).not.toContain(operator);
          // All suggested operators work on this field, and none is left out.
          expect([...suggested].sort()).toEqual([...accepted].sort());
        }
      },
    );

    it('suggests the boolean operators for GREATER_THAN and CONTAINS on enabled', () => {
      for (const operator of ['GREATER_THAN', 'CONTAINS']) {
        expect(
          parse(item({ property: 'enabled', operator, value: true })).errors[0]
            .correctionSuggestion,
        ).toBe(
          'For enabled use one of: EQUALS, NOT_EQUALS, IN, NOT_IN, IS_EMPTY, IS_NOT_EMPTY.',
        );
      }
    });
  });
});

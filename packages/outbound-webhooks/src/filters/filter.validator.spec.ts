import { InvalidFilterError } from '../errors/invalid-filter.error';
import { WebhookValidationError } from '../errors/webhook-validation.error';
import {
  MAX_FILTER_GROUPS,
  MAX_FILTER_ITEMS_PER_GROUP,
  MAX_FILTER_LIST_LENGTH,
} from './filter.limits';
import { validateFilter } from './filter.validator';

function errorOf(raw: unknown): InvalidFilterError {
  try {
    validateFilter(raw);
  } catch (error) {
    if (error instanceof InvalidFilterError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFilterError');
}

const item = (extra: Record<string, unknown>) => ({
  groups: [
    {
      items: [
        { property: 'status', operator: 'EQUALS', value: 'open' },
        { property: 'age', ...extra },
      ],
    },
  ],
});

describe('validateFilter', () => {
  it('returns a valid filter normalized', () => {
    expect(
      validateFilter({
        groups: [
          {
            items: { property: ' email ', operator: 'contains', value: 'acme' },
          },
        ],
      }),
    ).toEqual({
      groups: [
        { items: [{ property: 'email', operator: 'CONTAINS', value: 'acme' }] },
      ],
    });
  });

  it('returns null for a missing filter and keeps empty groups', () => {
    expect(validateFilter(null)).toBeNull();
    expect(validateFilter(undefined)).toBeNull();
    expect(validateFilter({ groups: [] })).toEqual({ groups: [] });
    expect(validateFilter({ groups: [{ items: [] }] })).toEqual({
      groups: [{ items: [] }],
    });
  });

  it.each([
    ['equals_exactly', 'EQUALS'],
    ['eq', 'EQUALS'],
    ['NeQ', 'NOT_EQUALS'],
    ['is_not_set', 'IS_EMPTY'],
    ['IS_SET', 'IS_NOT_EMPTY'],
  ])('accepts the alias %s as %s', (alias, canonical) => {
    const filter = validateFilter(item({ operator: alias, value: 1 }));
    expect(filter?.groups[0].items[1].operator).toBe(canonical);
  });

  it('names the item and suggests the operator for an unknown one', () => {
    const error = errorOf(item({ operator: 'gt', value: 1 }));
    expect(error).toBeInstanceOf(WebhookValidationError);
    expect(error.field).toBe('filter.groups[0].items[1].operator');
    expect(error.message).toBe('Unknown operator "gt".');
    expect(error.correctionSuggestion).toBe('Did you mean "GREATER_THAN"?');
  });

  it('suggests the closest operator for a typo', () => {
    expect(
      errorOf(item({ operator: 'CONTIANS', value: 'x' })).correctionSuggestion,
    ).toBe('Did you mean "CONTAINS"?');
  });

  it('refuses an item without an operator', () => {
    expect(errorOf(item({ value: 1 })).field).toBe(
      'filter.groups[0].items[1].operator',
    );
  });

  it('refuses an item without property or relation', () => {
    expect(
      errorOf({ groups: [{ items: [{ operator: 'EQUALS', value: 1 }] }] })
        .field,
    ).toBe('filter.groups[0].items[0].property');
  });

  it('refuses IN without an array', () => {
    const error = errorOf(item({ operator: 'IN', value: 'a' }));
    expect(error.field).toBe('filter.groups[0].items[1].value');
    expect(error.correctionSuggestion).toContain('["a"]');
  });

  it.each([
    { operator: 'EQUALS', value: Infinity },
    { operator: 'IN', value: [1, -Infinity] },
    { operator: 'GREATER_THAN', value: JSON.parse('1e400') as number },
    {
      operator: 'EQUALS',
      value: JSON.parse('123456789012345678901234567890') as number,
    },
  ])('refuses a number JSON cannot carry exactly: %j', (extra) => {
    const error = errorOf(item(extra));
    expect(error.field).toBe('filter.groups[0].items[1].value');
    expect(error.message).toMatch(/cannot carry exactly/);
    expect(error.correctionSuggestion).toMatch(/as strings/);
  });

  it('accepts the largest safe whole number and big ones as strings', () => {
    for (const value of [
      Number.MAX_SAFE_INTEGER,
      '123456789012345678901234567890',
      '1.5e300',
      1.5,
    ]) {
      expect(() =>
        validateFilter(item({ operator: 'EQUALS', value })),
      ).not.toThrow();
    }
  });

  it('refuses groups given as an object, which would match everything', () => {
    const error = errorOf({ groups: {} });
    expect(error.field).toBe('filter.groups');
    expect(error.message).toMatch(/must be an array/);
  });

  it('refuses a change operator on a relation item, which could never match', () => {
    const error = errorOf({
      groups: [
        { items: { relation: 'owner', property: 'x', operator: 'CHANGED' } },
      ],
    });
    expect(error.field).toBe('filter.groups[0].items[0].operator');
    expect(error.message).toMatch(/related records have none/);
  });

  it('refuses BETWEEN without two bounds', () => {
    expect(errorOf(item({ operator: 'BETWEEN', value: [1] })).message).toMatch(
      /two numbers/,
    );
    expect(() =>
      validateFilter(item({ operator: 'BETWEEN', value: 5 })),
    ).toThrow(InvalidFilterError);
  });

  it('refuses BETWEEN with reversed bounds', () => {
    expect(
      errorOf(item({ operator: 'BETWEEN', value: [10, 1] })).message,
    ).toMatch(/reversed/);
  });

  it('refuses a comparison with a non-numeric, non-date value', () => {
    expect(
      errorOf(item({ operator: 'GREATER_THAN', value: 'ten' })).message,
    ).toMatch(/number or an ISO-8601 date/);
  });

  it('accepts comparisons with numeric strings, epoch ms and ISO dates', () => {
    for (const value of ['10', 1700000000000, '2024-01-31T00:00:00Z']) {
      expect(
        validateFilter(item({ operator: 'LESS_THAN', value })),
      ).not.toBeNull();
    }
  });

  it('refuses EQUALS without a value but accepts null', () => {
    expect(errorOf(item({ operator: 'EQUALS' })).message).toMatch(
      /needs a "value"/,
    );
    expect(
      validateFilter(item({ operator: 'EQUALS', value: null }))?.groups[0]
        .items[1],
    ).toEqual({ property: 'age', operator: 'EQUALS', value: null });
  });

  it('refuses CONTAINS with an object value', () => {
    expect(() =>
      validateFilter(item({ operator: 'CONTAINS', value: { a: 1 } })),
    ).toThrow(/text or number/);
  });

  it('drops the value of operators that take none', () => {
    expect(
      validateFilter(item({ operator: 'is_empty', value: 'ignored' }))
        ?.groups[0].items[1],
    ).toEqual({ property: 'age', operator: 'IS_EMPTY' });
  });

  it('accepts a relation item without property', () => {
    expect(
      validateFilter({
        groups: [{ items: [{ relation: 'Applied_To', operator: 'IS_SET' }] }],
      })?.groups[0].items[0],
    ).toEqual({ relation: 'applied_to', operator: 'IS_NOT_EMPTY' });
  });

  it('refuses a non-object filter, group or item', () => {
    expect(errorOf('x').field).toBe('filter');
    expect(errorOf({ groups: 'x' }).field).toBe('filter.groups');
    expect(errorOf({ groups: [5] }).field).toBe('filter.groups[0]');
    expect(errorOf({ groups: [{ items: 'x' }] }).field).toBe(
      'filter.groups[0].items',
    );
    expect(errorOf({ groups: [{ items: [7] }] }).field).toBe(
      'filter.groups[0].items[0]',
    );
  });

  it('refuses a non-boolean relationIncluded', () => {
    expect(
      errorOf(item({ operator: 'IS_SET', relationIncluded: 'y' })).field,
    ).toBe('filter.groups[0].items[1].relationIncluded');
  });

  it('refuses too many groups', () => {
    const groups = Array.from({ length: MAX_FILTER_GROUPS + 1 }, () => ({
      items: [],
    }));
    expect(errorOf({ groups }).field).toBe('filter.groups');
  });

  it('refuses too many items in a group', () => {
    const items = Array.from(
      { length: MAX_FILTER_ITEMS_PER_GROUP + 1 },
      () => ({
        property: 'a',
        operator: 'IS_SET',
      }),
    );
    expect(errorOf({ groups: [{ items }] }).field).toBe(
      'filter.groups[0].items',
    );
  });

  it('refuses a list longer than the limit', () => {
    const value = Array.from(
      { length: MAX_FILTER_LIST_LENGTH + 1 },
      (_, i) => i,
    );
    expect(errorOf(item({ operator: 'IN', value })).message).toMatch(
      /at most 500/,
    );
  });

  it('refuses a value nested too deep', () => {
    expect(
      errorOf(item({ operator: 'EQUALS', value: [[[[[[1]]]]]] })).message,
    ).toMatch(/nested deeper/);
  });

  it('uses the given field prefix for relation filters', () => {
    expect(() =>
      validateFilter(
        { groups: [{ items: [{ property: 'a' }] }] },
        'relationFilters.owner',
      ),
    ).toThrow(
      expect.objectContaining({
        field: 'relationFilters.owner.groups[0].items[0].operator',
      }),
    );
  });
});

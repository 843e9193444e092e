import { evaluateFilter, filterRelationNames } from './filter.evaluator';
import { validateFilter } from './filter.validator';
import type { FilterContext } from './webhook-filter.interface';

function matches(
  item: Record<string, unknown>,
  properties: Record<string, unknown>,
  extra: Partial<FilterContext> = {},
): boolean {
  const filter = validateFilter({ groups: [{ items: [item] }] });
  return evaluateFilter(filter, {
    record: { objectName: 'candidate', properties },
    ...extra,
  });
}

const eq = (value: unknown) => ({ property: 'p', operator: 'EQUALS', value });

describe('evaluateFilter', () => {
  it('matches everything without filter, with no groups or an empty group', () => {
    const context = { record: { properties: {} } };
    expect(evaluateFilter(null, context)).toBe(true);
    expect(evaluateFilter({ groups: [] }, context)).toBe(true);
    expect(evaluateFilter({ groups: [{ items: [] }] }, context)).toBe(true);
  });

  it('ORs groups and ANDs items', () => {
    const filter = validateFilter({
      groups: [
        {
          items: [
            { property: 'a', operator: 'EQUALS', value: 1 },
            { property: 'b', operator: 'EQUALS', value: 2 },
          ],
        },
        { items: { property: 'c', operator: 'EQUALS', value: 3 } },
      ],
    });
    const run = (properties: Record<string, unknown>) =>
      evaluateFilter(filter, { record: { properties } });
    expect(run({ a: 1, b: 2 })).toBe(true);
    expect(run({ a: 1, b: 3 })).toBe(false);
    expect(run({ c: 3 })).toBe(true);
  });

  describe('EQUALS / NOT_EQUALS', () => {
    it('compares numbers as numbers: "10" equals 10', () => {
      expect(matches(eq(10), { p: '10' })).toBe(true);
      expect(matches(eq('10'), { p: 10 })).toBe(true);
      expect(matches(eq(9), { p: '10' })).toBe(false);
    });

    it('compares strings exactly', () => {
      expect(matches(eq('Open'), { p: 'Open' })).toBe(true);
      expect(matches(eq('open'), { p: 'Open' })).toBe(false);
    });

    it('tells null, missing and the string "null" apart', () => {
      expect(matches(eq(null), { p: null })).toBe(true);
      expect(matches(eq(null), {})).toBe(true);
      expect(matches(eq(null), { p: 'null' })).toBe(false);
      expect(matches(eq('null'), { p: 'null' })).toBe(true);
      expect(matches(eq('null'), { p: null })).toBe(false);
    });

    it('treats a missing property as not equal to any non-null value', () => {
      expect(matches({ property: 'p', operator: 'neq', value: 'x' }, {})).toBe(
        true,
      );
      expect(
        matches(
          { property: 'p', operator: 'NOT_EQUALS', value: 'x' },
          { p: 'x' },
        ),
      ).toBe(false);
    });

    it('compares arrays and objects by value', () => {
      expect(matches(eq({ a: [1, 2] }), { p: { a: [1, 2] } })).toBe(true);
      expect(matches(eq([1, 2]), { p: [2, 1] })).toBe(false);
    });

    it('equals an ISO date with the same instant in epoch ms', () => {
      expect(
        matches(eq(Date.UTC(2024, 0, 31)), { p: '2024-01-31T00:00:00.000Z' }),
      ).toBe(true);
    });

    it('equals booleans with their text', () => {
      expect(matches(eq(true), { p: 'true' })).toBe(true);
      expect(matches(eq(true), { p: false })).toBe(false);
    });
  });

  describe('CONTAINS / NOT_CONTAINS', () => {
    const op = (operator: string, value: unknown) => ({
      property: 'p',
      operator,
      value,
    });

    it('finds a substring case-insensitively in a string', () => {
      expect(matches(op('CONTAINS', 'ACME'), { p: 'hello@acme.com' })).toBe(
        true,
      );
      expect(matches(op('CONTAINS', 'globex'), { p: 'hello@acme.com' })).toBe(
        false,
      );
    });

    it('finds an element EQUALS the value in an array, not a substring', () => {
      expect(matches(op('CONTAINS', 'vip'), { p: ['new', 'vip'] })).toBe(true);
      expect(matches(op('CONTAINS', 'vi'), { p: ['new', 'vip'] })).toBe(false);
      expect(matches(op('CONTAINS', 3), { p: ['1', '3'] })).toBe(true);
    });

    it('NOT_CONTAINS is true on a missing property', () => {
      expect(matches(op('NOT_CONTAINS', 'x'), {})).toBe(true);
      expect(matches(op('NOT_CONTAINS', 'x'), { p: 'xyz' })).toBe(false);
    });
  });

  it('STARTS_WITH and ENDS_WITH ignore case', () => {
    expect(
      matches(
        { property: 'p', operator: 'STARTS_WITH', value: 'HEL' },
        { p: 'hello' },
      ),
    ).toBe(true);
    expect(
      matches(
        { property: 'p', operator: 'ENDS_WITH', value: 'LO' },
        { p: 'hello' },
      ),
    ).toBe(true);
    expect(
      matches(
        { property: 'p', operator: 'ENDS_WITH', value: 'he' },
        { p: 'hello' },
      ),
    ).toBe(false);
  });

  describe('comparisons', () => {
    const gt = (value: unknown) => ({
      property: 'p',
      operator: 'GREATER_THAN',
      value,
    });

    it('compares "10" and 9 numerically, never as strings', () => {
      expect(matches(gt(9), { p: '10' })).toBe(true);
      expect(matches(gt('9'), { p: '10' })).toBe(true);
      expect(matches(gt(10), { p: '9' })).toBe(false);
    });

    it('compares ISO dates and epoch ms as instants', () => {
      const jan = Date.UTC(2024, 0, 1);
      expect(matches(gt(jan), { p: '2024-02-01T00:00:00Z' })).toBe(true);
      expect(matches(gt('2024-03-01'), { p: jan })).toBe(false);
      expect(
        matches(
          {
            property: 'p',
            operator: 'LESS_THAN_OR_EQUAL',
            value: '2024-01-01T00:00:00Z',
          },
          { p: jan },
        ),
      ).toBe(true);
    });

    it('reads an ISO date-time without a zone as UTC, whatever the server zone', () => {
      const june = Date.UTC(2024, 5, 1);
      for (const p of ['2024-06-01T00:00:00', '2024-06-01 00:00:00']) {
        expect(matches(eq(june), { p })).toBe(true);
      }
      expect(matches(gt(june - 1), { p: '2024-06-01T00:00' })).toBe(true);
      expect(matches(gt(june), { p: '2024-06-01T00:00:00' })).toBe(false);
    });

    it('compares whole numbers past 2^53, passed as strings, exactly', () => {
      const big = '9007199254740993';
      expect(matches(gt('9007199254740992'), { p: big })).toBe(true);
      expect(matches(gt(big), { p: '9007199254740992' })).toBe(false);
      expect(matches(eq(big), { p: '9007199254740992' })).toBe(false);
      expect(matches(eq('9007199254740993'), { p: big })).toBe(true);
      const between = {
        property: 'p',
        operator: 'BETWEEN',
        value: ['9007199254740993', '9007199254740995'],
      };
      expect(matches(between, { p: '9007199254740992' })).toBe(false);
      expect(matches(between, { p: '9007199254740995' })).toBe(true);
      expect(matches(gt(10), { p: big })).toBe(true);
      expect(
        matches(
          { property: 'p', operator: 'LESS_THAN', value: 1.5 },
          { p: big },
        ),
      ).toBe(false);
    });

    it('is false for non-numeric or missing values', () => {
      expect(matches(gt(1), { p: 'abc' })).toBe(false);
      expect(matches(gt(1), {})).toBe(false);
      expect(matches(gt(0), { p: null })).toBe(false);
    });

    it('BETWEEN is inclusive on both bounds', () => {
      const between = { property: 'p', operator: 'BETWEEN', value: [10, 20] };
      expect(matches(between, { p: 10 })).toBe(true);
      expect(matches(between, { p: '20' })).toBe(true);
      expect(matches(between, { p: 21 })).toBe(false);
    });

    it('GREATER_THAN_OR_EQUAL and LESS_THAN hold at the bound as expected', () => {
      expect(
        matches(
          { property: 'p', operator: 'GREATER_THAN_OR_EQUAL', value: 5 },
          { p: 5 },
        ),
      ).toBe(true);
      expect(
        matches({ property: 'p', operator: 'LESS_THAN', value: 5 }, { p: 5 }),
      ).toBe(false);
    });
  });

  describe('IN / NOT_IN', () => {
    const isIn = { property: 'p', operator: 'IN', value: ['a', 2] };

    it('matches a value EQUALS one of the list', () => {
      expect(matches(isIn, { p: 'a' })).toBe(true);
      expect(matches(isIn, { p: '2' })).toBe(true);
      expect(matches(isIn, { p: 'b' })).toBe(false);
    });

    it('matches an array property when any element is in the list', () => {
      expect(matches(isIn, { p: ['x', 'a'] })).toBe(true);
      expect(matches(isIn, { p: ['x'] })).toBe(false);
    });

    it('NOT_IN is true on a missing property', () => {
      expect(matches({ ...isIn, operator: 'NOT_IN' }, {})).toBe(true);
      expect(matches({ ...isIn, operator: 'NOT_IN' }, { p: 'a' })).toBe(false);
    });
  });

  it('IS_EMPTY: missing, null, "" and [] are empty; "null" and 0 are not', () => {
    const empty = { property: 'p', operator: 'IS_EMPTY' };
    expect(matches(empty, {})).toBe(true);
    expect(matches(empty, { p: null })).toBe(true);
    expect(matches(empty, { p: '' })).toBe(true);
    expect(matches(empty, { p: [] })).toBe(true);
    expect(matches(empty, { p: 'null' })).toBe(false);
    expect(matches(empty, { p: 0 })).toBe(false);
    expect(matches({ property: 'p', operator: 'IS_SET' }, { p: 0 })).toBe(true);
  });

  describe('change operators', () => {
    const previous = { properties: { p: 'old', same: [1] } };

    it('CHANGED is true when the value differs from previous', () => {
      expect(
        matches(
          { property: 'p', operator: 'CHANGED' },
          { p: 'new' },
          { previous },
        ),
      ).toBe(true);
      expect(
        matches(
          { property: 'same', operator: 'CHANGED' },
          { same: [1] },
          { previous },
        ),
      ).toBe(false);
    });

    it('is false without a previous state (not an update)', () => {
      expect(
        matches({ property: 'p', operator: 'CHANGED' }, { p: 'new' }),
      ).toBe(false);
    });

    it('CHANGED_FROM / CHANGED_TO test the old / new value', () => {
      const from = { property: 'p', operator: 'CHANGED_FROM', value: 'old' };
      const to = { property: 'p', operator: 'CHANGED_TO', value: 'new' };
      expect(matches(from, { p: 'new' }, { previous })).toBe(true);
      expect(matches(to, { p: 'new' }, { previous })).toBe(true);
      expect(matches({ ...to, value: 'old' }, { p: 'new' }, { previous })).toBe(
        false,
      );
      expect(matches(from, { p: 'old' }, { previous })).toBe(false);
    });
  });

  describe('relation items', () => {
    const relations = {
      applied_to: [
        {
          objectName: 'vacancy',
          properties: { title: 'Engineer', salary: 50 },
        },
      ],
      owner: [{ objectName: 'user', properties: { name: 'Ann' } }],
    };

    it('is true when any related record satisfies the item', () => {
      expect(
        matches(
          {
            relation: 'applied_to',
            property: 'title',
            operator: 'CONTAINS',
            value: 'eng',
          },
          {},
          { relations },
        ),
      ).toBe(true);
      expect(
        matches(
          {
            relation: 'applied_to',
            property: 'salary',
            operator: 'GREATER_THAN',
            value: 60,
          },
          {},
          { relations },
        ),
      ).toBe(false);
    });

    it('tests existence without a property, `*` being any relation', () => {
      expect(
        matches({ relation: 'owner', operator: 'IS_SET' }, {}, { relations }),
      ).toBe(true);
      expect(
        matches({ relation: 'manager', operator: 'IS_SET' }, {}, { relations }),
      ).toBe(false);
      expect(
        matches(
          { relation: 'manager', operator: 'IS_EMPTY' },
          {},
          { relations },
        ),
      ).toBe(true);
      expect(
        matches(
          { relation: '*', property: 'name', operator: 'EQUALS', value: 'Ann' },
          {},
          { relations },
        ),
      ).toBe(true);
    });

    it('restricts related records to `object` when set', () => {
      expect(
        matches(
          {
            relation: '*',
            object: 'vacancy',
            property: 'name',
            operator: 'IS_SET',
          },
          {},
          { relations },
        ),
      ).toBe(false);
    });

    it('is false when the relation was not loaded', () => {
      expect(matches({ relation: 'owner', operator: 'IS_SET' }, {})).toBe(
        false,
      );
    });
  });

  it('a deleted record is evaluated on its last state', () => {
    expect(matches(eq('closed'), { p: 'closed' })).toBe(true);
  });

  it('an item with `object` only matches records of that object', () => {
    expect(matches({ ...eq(1), object: 'vacancy' }, { p: 1 })).toBe(false);
    expect(matches({ ...eq(1), object: 'Candidate' }, { p: 1 })).toBe(true);
  });
});

describe('filterRelationNames', () => {
  it('lists every relation a filter references', () => {
    const filter = validateFilter({
      groups: [
        { items: [{ relation: 'owner', operator: 'IS_SET' }] },
        {
          items: [{ relation: '*', property: 'a', operator: 'IS_SET' }, eq(1)],
        },
      ],
    });
    expect(filterRelationNames(filter)).toEqual(['owner', '*']);
    expect(filterRelationNames(null)).toEqual([]);
  });
});

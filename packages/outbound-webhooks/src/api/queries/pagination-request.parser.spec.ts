import { InvalidRequestError } from '../errors/invalid-request.error';
import { parsePaginationRequest } from './pagination-request.parser';

function errorOf(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('parsePaginationRequest', () => {
  it('applies the defaults: page 1, limit 25, createdAt DESC', () => {
    expect(parsePaginationRequest(undefined)).toEqual({
      page: 1,
      limit: 25,
      query: null,
      topicContains: null,
      filter: [],
      sort: [{ field: 'createdAt', direction: 'DESC' }],
    });
  });

  it('accepts key for property and lower-case directions', () => {
    const parsed = parsePaginationRequest({
      sort: [{ key: 'topic', direction: 'desc' }, { property: 'updatedAt' }],
    });
    expect(parsed.sort).toEqual([
      { field: 'topic', direction: 'DESC' },
      { field: 'updatedAt', direction: 'ASC' },
    ]);
  });

  it('refuses a field outside the sort whitelist, naming it', () => {
    const error = errorOf(() =>
      parsePaginationRequest({ sort: [{ property: 'secret' }] }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe('Invalid pagination request');
    expect(error.errors[0]).toMatchObject({
      field: 'sort[0].property',
      correctionSuggestion: expect.stringContaining('createdAt'),
    });
  });

  it('refuses an inherited property name such as constructor', () => {
    expect(() =>
      parsePaginationRequest({ sort: [{ property: 'constructor' }] }),
    ).toThrow(InvalidRequestError);
  });

  it('reads filters as an alias of filter', () => {
    const parsed = parsePaginationRequest({
      filters: {
        groups: [
          { items: [{ property: 'enabled', operator: 'eq', value: 'true' }] },
        ],
      },
    });
    expect(parsed.filter).toEqual([
      [
        expect.objectContaining({
          field: 'enabled',
          operator: 'EQUALS',
          values: [true],
        }),
      ],
    ]);
  });

  it('names the alias in errors when the alias was used', () => {
    const error = errorOf(() =>
      parsePaginationRequest({
        filters: {
          groups: [{ items: [{ property: 'nope', operator: 'eq' }] }],
        },
      }),
    );
    expect(error.errors[0].field).toBe('filters.groups[0].items[0].property');
  });

  it('trims the query and the topic, and drops them when blank', () => {
    expect(parsePaginationRequest({ query: '  x ' }, ' cand ')).toMatchObject({
      query: 'x',
      topicContains: 'cand',
    });
    expect(parsePaginationRequest({ query: '   ' })).toMatchObject({
      query: null,
    });
  });
});

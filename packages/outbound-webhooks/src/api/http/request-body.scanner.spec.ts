import { MAX_REQUEST_NESTING, scanRequestBody } from './request-body.scanner';

const HINT = 'Remove it.';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('scanRequestBody', () => {
  it('finds nothing in a clean body', () => {
    expect(
      scanRequestBody({ a: [{ b: 'text 😀' }], c: 1, d: null }, HINT),
    ).toEqual({ tooDeep: false, inheritedKeys: [], unstorableText: [] });
  });

  it('allows MAX_REQUEST_NESTING levels and stops one deeper', () => {
    expect(scanRequestBody(nested(MAX_REQUEST_NESTING), HINT).tooDeep).toBe(
      false,
    );
    expect(scanRequestBody(nested(MAX_REQUEST_NESTING + 1), HINT).tooDeep).toBe(
      true,
    );
    // Thousands of levels: a verdict, not a stack overflow.
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    expect(scanRequestBody(deep, HINT).tooDeep).toBe(true);
  });

  it('names Object member keys by path, without descending into them', () => {
    const body = JSON.parse(
      '{"filter": {"groups": [{"__proto__": {"x": "\\u0000"}}]}, "toString": 1}',
    ) as unknown;
    const scan = scanRequestBody(body, HINT);
    expect(scan.inheritedKeys.map((e) => e.field)).toEqual([
      'filter.groups[0].__proto__',
      'toString',
    ]);
    expect(scan.inheritedKeys[0]).toMatchObject({
      message: 'Unknown field "filter.groups[0].__proto__".',
      correctionSuggestion: HINT,
    });
    expect(scan.unstorableText).toEqual([]);
  });

  it('names NUL characters and unpaired surrogates in values and keys', () => {
    const scan = scanRequestBody(
      { name: 'a\u0000', tags: ['ok', 'b\ud800'], ['k\u0000']: 'v' },
      HINT,
    );
    expect(scan.unstorableText.map((e) => [e.field, e.message])).toEqual([
      ['name', '"name" contains a NUL character (\\u0000).'],
      [
        'tags[1]',
        '"tags[1]" contains an unpaired UTF-16 surrogate (not valid Unicode).',
      ],
      ['k\u0000', '"k\u0000" contains a NUL character (\\u0000).'],
    ]);
  });
});

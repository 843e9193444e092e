import { postgresArrayLiteral } from './postgres-array.literal';

// node-postgres' own conversion, which ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pgUtils = require('pg/lib/utils') as {
  prepareValue(value: unknown): unknown;
};

describe('postgresArrayLiteral', () => {
  it('writes plain elements unquoted and NULL for null and undefined', () => {
    expect(
      postgresArrayLiteral([
        'msg_0f3a',
        '2b1c-44',
        7,
        -1.5,
        true,
        false,
        null,
        undefined,
      ]),
    ).toBe('{msg_0f3a,2b1c-44,7,-1.5,true,false,NULL,NULL}');
  });

  it('quotes what the server would otherwise read differently', () => {
    expect(
      postgresArrayLiteral(['', 'NULL', 'null', 'a b', 'x,y', '{z}']),
    ).toBe('{"","NULL","null","a b","x,y","{z}"}');
  });

  it('escapes quotes and backslashes inside quoted elements', () => {
    expect(postgresArrayLiteral(['say "hi"', 'C:\\dir', 'é'])).toBe(
      '{"say \\"hi\\"","C:\\\\dir","é"}',
    );
  });

  it('backslashes only quotes and backslashes, also around control characters and surrogates', () => {
    expect(
      postgresArrayLiteral([
        'line\nnext\ttab "q"',
        'emoji 😀 "q"',
        'lone \ud800 \\',
        '{"a":"b\\"c"}',
      ]),
    ).toBe(
      '{"line\nnext\ttab \\"q\\"","emoji 😀 \\"q\\"","lone \ud800 \\\\","{\\"a\\":\\"b\\\\\\"c\\"}"}',
    );
  });

  it('writes an empty array as {}', () => {
    expect(postgresArrayLiteral([])).toBe('{}');
  });

  it('refuses values node-postgres would turn into JSON or dates', () => {
    expect(() => postgresArrayLiteral([{ a: 1 }])).toThrow(TypeError);
    expect(() => postgresArrayLiteral([new Date(0)])).toThrow(TypeError);
  });

  it('reads back like the literal node-postgres builds from the array', () => {
    const values = [
      'msg_1',
      null,
      'HTTP 500: "boom" \\ end',
      '',
      'NULL',
      3,
      '{"body":"with \\"escapes\\" and \\\\"}',
      'raw\nnewline',
      'é 😀',
    ];
    expect(parsePostgresArray(postgresArrayLiteral(values))).toEqual(
      parsePostgresArray(pgUtils.prepareValue(values) as string),
    );
  });
});

/** A minimal reader of the array input syntax, for the round trip above. */
function parsePostgresArray(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 1;
  while (i < text.length - 1) {
    if (text[i] === '"') {
      let value = '';
      i++;
      while (text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i++];
      }
      out.push(value);
      i += 2;
    } else {
      const end = text.indexOf(',', i);
      const raw = text.slice(i, end === -1 ? text.length - 1 : end);
      out.push(raw === 'NULL' ? null : raw);
      i += raw.length + 1;
    }
  }
  return out;
}

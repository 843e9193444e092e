import { DataSource } from 'typeorm';
import { postgresArrayLiteral } from '../../packages/outbound-webhooks/src/persistence/postgres-array.literal';
import { TestDatabase, availableDatabaseKinds } from '../support/test-database';

/** Strings a body, an error message or a name may hold. */
const TRICKY = [
  '{"name":"Ann \\"The Hammer\\"","path":"C:\\\\temp"}',
  'line one\nline two\ttabbed\r\n',
  'é, ü, 中文, emoji 😀',
  '',
  'NULL',
  'null',
  'a b,c{d}',
  '\\',
  '"',
  'control \u0001 and DEL \u007f',
];

const onPostgres = availableDatabaseKinds().includes('postgres')
  ? describe
  : describe.skip;

onPostgres('postgresArrayLiteral against PostgreSQL', () => {
  const db = new TestDatabase('postgres');
  let dataSource: DataSource;

  beforeAll(async () => {
    await db.create();
    dataSource = new DataSource(db.options());
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('reads every string back exactly, nulls as NULL', async () => {
    const values = [...TRICKY, null];
    const rows = await dataSource.query<{ v: string | null }[]>(
      `SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n)
        ORDER BY n`,
      [postgresArrayLiteral(values)],
    );
    expect(rows.map((row) => row.v)).toEqual(values);
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  InvalidEventError,
  InvalidTopicError,
  UrlNotAllowedError,
} from 'nestjs-outbound-webhooks';
import { describeLibraryInputError } from '../../sample-app/src/common/library-error.mapper';
import {
  MAX_PROPERTIES,
  MAX_PROPERTY_DEPTH,
  MAX_PROPERTY_VALUES,
} from '../../sample-app/src/records/property-limits';
import { describeEachDatabase } from '../support/test-database';
import { createSampleApp } from './support/create-sample-app';
import { EventLog } from './support/event-log';
import { ACME } from './support/sample-tokens';

/** `{"properties":{"d": <depth> nested arrays around 1}}`, as raw JSON. */
function nested(depth: number): string {
  return `{"properties":{"ok":1,"d":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
}

describeEachDatabase('sample app records input limits', (db) => {
  let app: NestExpressApplication;
  let http: ReturnType<typeof request>;
  let events: EventLog;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createSampleApp(db);
    http = request(app.getHttpServer());
    dataSource = app.get(DataSource);
    events = new EventLog(dataSource);
  });
  afterAll(() => app?.close());

  async function recordCount(): Promise<number> {
    const rows: Array<{ n: unknown }> = await dataSource.query(
      'SELECT COUNT(*) AS n FROM sample_records',
    );
    return Number(rows[0].n);
  }

  /** Sends a raw JSON body; asserts a 400 naming `field`, no record, no event. */
  async function expectRefused(
    method: 'post' | 'put',
    path: string,
    raw: string,
    field: string,
  ): Promise<request.Response> {
    const before = await recordCount();
    let res!: request.Response;
    const topics = await events.added(async () => {
      res = await http[method](path)
        .set(ACME)
        .set('Content-Type', 'application/json')
        .send(raw);
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: expect.any(String),
      status: 400,
      errors: [
        {
          type: 'VALIDATION',
          message: expect.any(String),
          field,
          correctionSuggestion: expect.any(String),
        },
      ],
      requestId: expect.any(String),
    });
    expect(topics).toEqual([]);
    expect(await recordCount()).toBe(before);
    return res;
  }

  it('refuses a number JSON parses as Infinity with a 400 naming the property, writing nothing', async () => {
    const raw = '{"properties":{"name":"Ada","n":1e400}}';
    const created = await expectRefused(
      'post',
      '/api/v2/records/candidate',
      raw,
      'properties.n',
    );
    expect(created.body.message).toContain('properties.n is Infinity');
    await expectRefused(
      'post',
      '/api/v2/forms/careers/submissions',
      '{"objectName":"candidate","properties":{"n":-1e400}}',
      'properties.n',
    );
    const record = await http
      .post('/api/v2/records/candidate')
      .set(ACME)
      .send({ properties: { name: 'Bob' } })
      .expect(200);
    const { uuid } = record.body.data as { uuid: string };
    await expectRefused(
      'put',
      `/api/v2/records/candidate/${uuid}`,
      raw,
      'properties.n',
    );
    const after = await http.get(`/api/v2/records/${uuid}`).set(ACME);
    expect(after.body.data.properties).toEqual({ name: 'Bob' });
  });

  it(`refuses properties nested deeper than ${MAX_PROPERTY_DEPTH} levels with a 400, writing nothing`, async () => {
    const deep = await expectRefused(
      'post',
      '/api/v2/records/candidate',
      nested(5000),
      'properties.d',
    );
    expect(deep.body.message).toContain(`${MAX_PROPERTY_DEPTH} levels`);
    await expectRefused(
      'post',
      '/api/v2/records/candidate',
      nested(MAX_PROPERTY_DEPTH + 1),
      'properties.d',
    );
    const ok = await http
      .post('/api/v2/records/candidate')
      .set(ACME)
      .set('Content-Type', 'application/json')
      .send(nested(MAX_PROPERTY_DEPTH))
      .expect(200);
    expect(JSON.stringify(ok.body.data.properties.d)).toBe(
      `${'['.repeat(MAX_PROPERTY_DEPTH)}1${']'.repeat(MAX_PROPERTY_DEPTH)}`,
    );
  });

  it('refuses too many properties or values with a 400, writing nothing', async () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_PROPERTIES + 1 }, (_, i) => [`p${i}`, i]),
    );
    const tooMany = await expectRefused(
      'post',
      '/api/v2/records/candidate',
      JSON.stringify({ properties: many }),
      'properties',
    );
    expect(tooMany.body.message).toContain('Too many properties');
    const values = new Array<number>(MAX_PROPERTY_VALUES).fill(0);
    const tooBig = await expectRefused(
      'post',
      '/api/v2/records/candidate',
      JSON.stringify({ properties: { list: values } }),
      'properties',
    );
    expect(tooBig.body.message).toContain(`${MAX_PROPERTY_VALUES} values`);
    await http
      .post('/api/v2/records/candidate')
      .set(ACME)
      .send({ properties: { list: values.slice(1) } })
      .expect(200);
  });
});

describe('sample app mapping of the library input errors', () => {
  it('turns every input error of the library into a 400 item naming the field', () => {
    expect(
      describeLibraryInputError(
        new InvalidEventError('record.uuid', 'is required.'),
      ),
    ).toMatchObject({ type: 'VALIDATION', field: 'uuid' });
    expect(
      describeLibraryInputError(
        new InvalidTopicError(
          'Unknown object.',
          'Use one of...',
          'INVALID_VALUE',
        ),
      ),
    ).toEqual({
      type: 'INVALID_VALUE',
      message: 'Unknown object.',
      field: 'topic',
      correctionSuggestion: 'Use one of...',
    });
    expect(
      describeLibraryInputError(
        new UrlNotAllowedError('Not http.', 'Use https.'),
      ),
    ).toMatchObject({ type: 'VALIDATION', field: 'url' });
    expect(describeLibraryInputError(new Error('boom'))).toBeUndefined();
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WEBHOOKS_REQUEST_BODY_MAX_BYTES } from 'nestjs-outbound-webhooks';
import { describeEachDatabase } from '../support/test-database';
import { createSampleApp } from './support/create-sample-app';
import { EventLog } from './support/event-log';
import { ACME } from './support/sample-tokens';

const RECORDS = '/api/v2/records/candidate';
const WEBHOOKS = '/api/v2/webhooks/';

/** A JSON body of about `bytes` bytes. */
function bodyOf(bytes: number): string {
  return JSON.stringify({ properties: { note: 'x'.repeat(bytes) } });
}

describeEachDatabase('sample app request bodies', (db) => {
  let app: NestExpressApplication;
  let http: ReturnType<typeof request>;
  let events: EventLog;

  beforeAll(async () => {
    app = await createSampleApp(db);
    http = request(app.getHttpServer());
    events = new EventLog(app.get(DataSource));
  });
  afterAll(() => app?.close());

  function post(path: string, raw: string, requestId: string) {
    return http
      .post(path)
      .set(ACME)
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', requestId)
      .send(raw);
  }

  function expectEnvelope(
    res: request.Response,
    status: number,
    requestId: string,
    message: RegExp,
  ): void {
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      message: expect.stringMatching(message),
      status,
      errors: [
        {
          type: 'VALIDATION',
          message: expect.stringMatching(message),
          correctionSuggestion: expect.any(String),
        },
      ],
      requestId,
    });
  }

  it('holds the webhook routes to WEBHOOKS_REQUEST_BODY_MAX_BYTES, the records API to 2 MB', async () => {
    expect(WEBHOOKS_REQUEST_BODY_MAX_BYTES).toBe(100 * 1024);
    const topics = await events.added(async () => {
      const big = await post(WEBHOOKS, bodyOf(1_500_000), 'wh-big');
      expectEnvelope(big, 413, 'wh-big', /larger than 102400 bytes/);
      // Just over the webhook limit, far under the general one.
      const over = await post(
        WEBHOOKS,
        bodyOf(WEBHOOKS_REQUEST_BODY_MAX_BYTES + 10),
        'wh-over',
      );
      expectEnvelope(over, 413, 'wh-over', /larger than 102400 bytes/);
      const nested = await post(
        '/api/v2/webhooks/00000000-0000-4000-8000-000000000000',
        bodyOf(WEBHOOKS_REQUEST_BODY_MAX_BYTES + 10),
        'wh-nested',
      );
      expectEnvelope(nested, 413, 'wh-nested', /larger than 102400 bytes/);
    });
    expect(topics).toEqual([]);
    // The same size is fine on the records API, which keeps its larger limit.
    const record = await post(
      RECORDS,
      bodyOf(WEBHOOKS_REQUEST_BODY_MAX_BYTES + 10),
      'rec-ok',
    );
    expect(record.status).toBe(200);
    // And a small body still reaches the webhook routes (validated there).
    const small = await post(WEBHOOKS, '{"url":"nope"}', 'wh-small');
    expect(small.status).toBe(400);
    expect(small.body.errors[0].field).toBeDefined();
  });

  it('answers a body over the records limit with a 413 envelope', async () => {
    const res = await post(RECORDS, bodyOf(2_200_000), 'rec-big');
    expectEnvelope(res, 413, 'rec-big', /larger than 2097152 bytes/);
  });

  it('answers malformed JSON with a 400 envelope on records and webhook routes', async () => {
    for (const path of [
      RECORDS,
      WEBHOOKS,
      '/api/v2/forms/careers/submissions',
    ]) {
      const res = await post(path, '{"properties": {', `bad-${path.length}`);
      expectEnvelope(res, 400, `bad-${path.length}`, /not valid JSON/);
    }
    // Without a usable X-Request-Id the envelope gets a fresh one.
    const res = await http
      .put(`${RECORDS}/00000000-0000-4000-8000-000000000000`)
      .set(ACME)
      .set('Content-Type', 'application/json')
      .send('nope');
    expect(res.status).toBe(400);
    expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('answers a body that does not decompress with a 400 envelope', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await http
        .post(WEBHOOKS)
        .set(ACME)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .set('X-Request-Id', `enc-${encoding}`)
        .send('not compressed at all');
      expectEnvelope(res, 400, `enc-${encoding}`, /cannot be read/);
    }
  });

  it('reads JSON only: a form-encoded body creates nothing', async () => {
    const before = await app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM webhook_webhooks');
    const res = await http.post(WEBHOOKS).set(ACME).type('form').send({
      url: 'http://127.0.0.1:4999/form',
      secret: 'form-secret-123',
      topic: 'record.candidate.created',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, errors: expect.any(Array) });
    const after = await app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM webhook_webhooks');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    const record = await http
      .post(RECORDS)
      .set(ACME)
      .type('form')
      .send({ 'properties[name]': 'Form' });
    expect(record.status).toBe(400);
    expect(record.body).toMatchObject({
      status: 400,
      errors: expect.any(Array),
    });
  });
});

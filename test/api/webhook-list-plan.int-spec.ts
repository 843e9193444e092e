import { DataSource } from 'typeorm';
import { WebhookEntity } from 'nestjs-outbound-webhooks';
import { buildWebhookListQuery } from '../../packages/outbound-webhooks/src/api/queries/webhook-list.query';
import { parsePaginationRequest } from '../../packages/outbound-webhooks/src/api/queries/pagination-request.parser';
import { describeEachDatabase } from '../support/test-database';
import { ACME, ApiTestHost, GLOBEX, TOKENS } from './api-test-host';

const INDEX = 'idx_webhook_webhooks_company_created';

function rows(company: string, count: number, offset: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    return {
      uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      companyUuid: company,
      url: 'http://127.0.0.1:9/hook',
      secret: 'x'.repeat(12),
      topic: `record.object${n % 50}.created`,
      webhookFormat: 'LEGACY',
      deliveryMode: 'HTTP',
      createdAt: 1_700_000_000_000 + n,
      updatedAt: 1_700_000_000_000 + n,
    };
  });
}

describeEachDatabase('REST API: list query plan', (db) => {
  let host: ApiTestHost;
  let dataSource: DataSource;

  beforeAll(async () => {
    host = await ApiTestHost.start(db);
    dataSource = host.app.get(DataSource);
    const repo = dataSource.getRepository(WebhookEntity);
    for (let chunk = 0; chunk < 8; chunk += 1) {
      await repo.insert(rows(GLOBEX, 500, chunk * 500));
    }
    await repo.insert(rows(ACME, 60, 10_000));
    if (db.kind === 'postgres')
      await dataSource.query('ANALYZE webhook_webhooks');
    if (db.kind === 'mariadb')
      await dataSource.query('ANALYZE TABLE webhook_webhooks');
    if (db.kind === 'sqlite') await dataSource.query('ANALYZE');
  });
  afterAll(() => host?.close());

  it("reads a page through the company index, not the other companies' rows", async () => {
    const request = parsePaginationRequest({ page: 2, limit: 25 });
    const [sql, params] = buildWebhookListQuery(
      dataSource.getRepository(WebhookEntity),
      ACME,
      request,
    )
      .offset(25)
      .limit(25)
      .getQueryAndParameters();
    const explain =
      db.kind === 'sqlite' ? `EXPLAIN QUERY PLAN ${sql}` : `EXPLAIN ${sql}`;
    const plan: Array<Record<string, unknown>> = await dataSource.query(
      explain,
      params,
    );
    if (db.kind === 'mariadb') {
      // `possible_keys` would name it even unused: `key` is the one chosen.
      expect(plan.map((row) => row.key)).toContain(INDEX);
    } else {
      expect(JSON.stringify(plan)).toContain(INDEX);
    }
  });

  it('serves the page and the total of one company among thousands of rows', async () => {
    const res = await host.call('post', '/index', {
      token: TOKENS.acme,
      body: { page: 3, limit: 25 },
    });
    expect(res.body).toMatchObject({ total: 60, page: 3, lastPage: 3 });
    expect(res.body.data).toHaveLength(10);
  });
});

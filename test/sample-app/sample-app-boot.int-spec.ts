import request from 'supertest';
import { DataSource } from 'typeorm';
import { WEBHOOKS_RESOLVED_OPTIONS } from 'nestjs-outbound-webhooks';
import type { ResolvedWebhooksOptions } from 'nestjs-outbound-webhooks';
import { SampleAuthResolver } from '../../sample-app/src/auth/sample-auth.resolver';
import { SampleRelationLoader } from '../../sample-app/src/records/sample-relation.loader';
import { SAMPLE_MIGRATIONS } from '../../sample-app/src/database/sample-database';
import { SEED } from '../../sample-app/src/seed/seed-data';
import { describeEachDatabase } from '../support/test-database';
import { createSampleApp } from './support/create-sample-app';
import { ACME } from './support/sample-tokens';

async function count(dataSource: DataSource, table: string): Promise<number> {
  const rows: { n: string | number }[] = await dataSource.query(
    `SELECT COUNT(*) AS n FROM ${table}`,
  );
  return Number(rows[0].n);
}

describeEachDatabase('sample app boot', (db) => {
  it('migrates, seeds, and seeds again on restart without duplicates', async () => {
    for (let start = 0; start < 2; start++) {
      const app = await createSampleApp(db);
      try {
        const dataSource = app.get(DataSource);
        expect(await count(dataSource, 'sample_companies')).toBe(2);
        expect(await count(dataSource, 'sample_users')).toBe(3);
        expect(await count(dataSource, 'sample_memberships')).toBe(4);
        expect(await count(dataSource, 'sample_app_installations')).toBe(1);
        const me = await request(app.getHttpServer())
          .get('/api/v2/webhooks/me')
          .set(ACME)
          .expect(200);
        expect(me.body.data).toMatchObject({
          uuid: SEED.companies.acme.uuid,
          name: 'Acme',
        });
      } finally {
        await app.close();
      }
    }
  });

  it('hands WEBHOOKS_ALLOWED_NETWORKS and WEBHOOKS_POLL_INTERVAL_MS to the module', async () => {
    const app = await createSampleApp(db, {
      allowedNetworks: ['127.0.0.0/8'],
      pollIntervalMs: 1234,
    });
    try {
      const resolved = app.get<ResolvedWebhooksOptions>(
        WEBHOOKS_RESOLVED_OPTIONS,
      );
      expect(resolved.pollIntervalMs).toBe(1234);
      expect(resolved.allowedNetworks).toEqual(['127.0.0.0/8']);
      expect(resolved.authResolver).toBeInstanceOf(SampleAuthResolver);
      expect(resolved.relationLoader).toBeInstanceOf(SampleRelationLoader);
    } finally {
      await app.close();
    }
  });

  it('serves app webhooks only for the company that installed the app', async () => {
    const app = await createSampleApp(db);
    try {
      const http = request(app.getHttpServer());
      const body = {
        url: 'http://127.0.0.1:9/hooks',
        secret: 'a-demo-secret',
        topic: 'record.candidate.created',
      };
      const path = `/api/v2/webhooks/apps/${SEED.apps.demoApp.uuid}`;
      const created = await http.post(path).set(ACME).send(body).expect(200);
      expect(created.body.data.appUuid).toBe(SEED.apps.demoApp.uuid);
      await http
        .post(path)
        .set({ Authorization: `Bearer ${SEED.users.globexAdmin.token}` })
        .send(body)
        .expect(400);
      await http
        .post('/api/v2/webhooks/apps/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb')
        .set(ACME)
        .send(body)
        .expect(404);
    } finally {
      await app.close();
    }
  });

  it('serves the OpenAPI document of the webhooks API at /api/docs', async () => {
    const app = await createSampleApp(db);
    try {
      const http = request(app.getHttpServer());
      const json = await http.get('/api/docs-json').expect(200);
      expect(Object.keys(json.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v2/webhooks/me',
          '/api/v2/webhooks/index',
        ]),
      );
      await http.get('/api/docs').expect(200);
    } finally {
      await app.close();
    }
  });

  it("reverts the sample's own migration cleanly", async () => {
    const dataSource = new DataSource({
      ...db.options(),
      migrations: [...SAMPLE_MIGRATIONS],
    });
    await dataSource.initialize();
    try {
      const runner = dataSource.createQueryRunner();
      // The boot tests created the tables already: drop and recreate them.
      await new SAMPLE_MIGRATIONS[0]().down(runner);
      expect(await runner.hasTable('sample_records')).toBe(false);
      await new SAMPLE_MIGRATIONS[0]().up(runner);
      expect(await runner.hasTable('sample_records')).toBe(true);
      await runner.release();
    } finally {
      await dataSource.destroy();
    }
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { SampleRelationLoader } from '../../sample-app/src/records/sample-relation.loader';
import { describeEachDatabase } from '../support/test-database';
import { createSampleApp } from './support/create-sample-app';
import { ACME, ACME_UUID, GLOBEX_UUID } from './support/sample-tokens';

describeEachDatabase('sample relation loader', (db) => {
  let app: NestExpressApplication;
  let loader: SampleRelationLoader;
  const uuids: Record<string, string> = {};

  beforeAll(async () => {
    app = await createSampleApp(db);
    loader = app.get(SampleRelationLoader);
    const http = request(app.getHttpServer());
    for (const [name, object] of [
      ['job', 'vacancy'],
      ['ada', 'candidate'],
      ['bob', 'candidate'],
      ['cy', 'candidate'],
      ['acme', 'company'],
    ]) {
      const res = await http
        .post(`/api/v2/records/${object}`)
        .set(ACME)
        .send({ properties: { name } })
        .expect(200);
      uuids[name] = res.body.data.uuid;
    }
    const link = (from: string, relation: string, to: string) =>
      http
        .post(
          `/api/v2/records/relations/${uuids[from]}/${relation}/${uuids[to]}`,
        )
        .set(ACME)
        .expect(200);
    await link('ada', 'applied_to', 'job');
    await link('bob', 'applied_to', 'job');
    await link('cy', 'applied_to', 'job');
    await link('job', 'posted_by', 'acme');
    await http.delete(`/api/v2/records/${uuids.cy}`).set(ACME).expect(200);
  });
  afterAll(() => app?.close());

  const names = (
    related: { record: { properties: Record<string, unknown> } }[],
  ) => related.map((r) => r.record.properties.name);

  it('follows a relation from its target end, skipping archived records', async () => {
    const related = await loader.load({
      companyUuid: ACME_UUID,
      record: { uuid: uuids.job, objectName: 'vacancy' },
      relationName: 'applied_to',
    });
    expect(related.every((r) => r.relationName === 'applied_to')).toBe(true);
    expect(names(related).sort()).toEqual(['ada', 'bob']);
  });

  it('follows a relation from its source end, and every relation with *', async () => {
    const from = await loader.load({
      companyUuid: ACME_UUID,
      record: { uuid: uuids.ada, objectName: 'candidate' },
      relationName: 'applied_to',
    });
    expect(names(from)).toEqual(['job']);
    const all = await loader.load({
      companyUuid: ACME_UUID,
      record: { uuid: uuids.job, objectName: 'vacancy' },
      relationName: '*',
    });
    expect(
      all
        .map((r) => `${r.relationName}:${r.record.properties.name as string}`)
        .sort(),
    ).toEqual(['applied_to:ada', 'applied_to:bob', 'posted_by:acme']);
  });

  it('applies the limit per relation and never crosses companies', async () => {
    const limited = await loader.load({
      companyUuid: ACME_UUID,
      record: { uuid: uuids.job, objectName: 'vacancy' },
      relationName: '*',
      limit: 1,
    });
    expect(limited.map((r) => r.relationName).sort()).toEqual([
      'applied_to',
      'posted_by',
    ]);
    expect(
      await loader.load({
        companyUuid: GLOBEX_UUID,
        record: { uuid: uuids.job, objectName: 'vacancy' },
        relationName: '*',
      }),
    ).toEqual([]);
  });
});

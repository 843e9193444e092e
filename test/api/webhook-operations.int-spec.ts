import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  WEBHOOKS_SECRET_CIPHER,
  WebhookDeliveryEntity,
  WebhookEntity,
} from 'nestjs-outbound-webhooks';
import type { SecretCipher } from 'nestjs-outbound-webhooks';
import { describeEachDatabase } from '../support/test-database';
import { ACME, ApiTestHost, webhookBody } from './api-test-host';
import { insertAttempt, insertDelivery } from './delivery-fixtures';

const FIRST_SECRET = 'first-secret-value-123';
const NEW_SECRET = 'whsec_bmV3LXNlY3JldC12YWx1ZS0xMjM0NQ==';
const THIRD_SECRET = 'third-secret-value-789';
const T0 = 1_700_000_000_000;

describeEachDatabase('REST API: webhook operations', (db) => {
  let host: ApiTestHost;
  let dataSource: DataSource;
  let webhookUuid: string;
  let otherWebhookUuid: string;

  beforeAll(async () => {
    host = await ApiTestHost.start(db, {
      encryptionKeys: [randomBytes(32).toString('base64')],
      secretRotationOverlapMs: 3_600_000,
    });
    dataSource = host.app.get(DataSource);
    const created = await host.call('post', '/', {
      body: webhookBody({ secret: FIRST_SECRET }),
    });
    webhookUuid = created.body.data.uuid;
    const other = await host.call('post', '/', { body: webhookBody() });
    otherWebhookUuid = other.body.data.uuid;
  });
  afterAll(() => host?.close());

  const stored = () =>
    dataSource
      .getRepository(WebhookEntity)
      .findOneByOrFail({ uuid: webhookUuid });
  const cipher = () => host.app.get<SecretCipher>(WEBHOOKS_SECRET_CIPHER);

  it('stores the secret encrypted when the module has a key', async () => {
    const row = await stored();
    expect(row.secret).not.toContain(FIRST_SECRET);
    expect(cipher().decrypt(row.secret)).toBe(FIRST_SECRET);
  });

  describe('deliveries and attempts', () => {
    const uuids: Record<string, string> = {};

    beforeAll(async () => {
      const add = (
        name: string,
        status: 'PENDING' | 'FAILED' | 'SUCCEEDED',
        at: number,
      ) =>
        insertDelivery(dataSource, ACME, webhookUuid, status, at).then(
          (uuid) => {
            uuids[name] = uuid;
          },
        );
      await add('old', 'SUCCEEDED', T0);
      await add('tieA', 'FAILED', T0 + 100);
      await add('tieB', 'FAILED', T0 + 100);
      await add('tieC', 'SUCCEEDED', T0 + 100);
      await add('newest', 'PENDING', T0 + 200);
      await add('lateFailure', 'FAILED', T0 + 5_000);
      uuids.foreign = await insertDelivery(
        dataSource,
        ACME,
        otherWebhookUuid,
        'FAILED',
        T0 + 100,
      );
      for (const [n, code] of [
        [2, 500],
        [1, 503],
        [3, 200],
      ] as const) {
        await insertAttempt(dataSource, ACME, webhookUuid, uuids.tieC, n, code);
      }
    });

    it('lists deliveries newest first, in pages that neither skip nor repeat', async () => {
      const seen: string[] = [];
      for (const page of [1, 2, 3]) {
        const res = await host.call('get', `/${webhookUuid}/deliveries`, {
          query: { page, limit: 2 },
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          total: 6,
          page,
          perPage: 2,
          lastPage: 3,
        });
        seen.push(...res.body.data.map((d: { uuid: string }) => d.uuid));
      }
      expect(seen[0]).toBe(uuids.lateFailure);
      expect(seen[1]).toBe(uuids.newest);
      expect(seen[5]).toBe(uuids.old);
      expect(new Set(seen).size).toBe(6);
      expect(seen).not.toContain(uuids.foreign);
      const first = await host.call('get', `/${webhookUuid}/deliveries`);
      expect(first.body.data[0]).toEqual({
        uuid: uuids.lateFailure,
        webhookUuid,
        eventUuid: expect.any(String),
        topic: 'record.candidate.created',
        status: 'FAILED',
        attemptCount: 1,
        nextAttemptAt: null,
        lastStatusCode: 500,
        lastError: null,
        deliveredAt: null,
        createdAt: T0 + 5_000,
        updatedAt: T0 + 5_000,
      });
    });

    it('filters deliveries by status and validates the page', async () => {
      const failed = await host.call('get', `/${webhookUuid}/deliveries`, {
        query: { status: 'FAILED' },
      });
      expect(failed.body.total).toBe(3);
      for (const query of [
        { page: 0 },
        { limit: 101 },
        { limit: 'x' },
      ] as Array<Record<string, string | number>>) {
        const res = await host.call('get', `/${webhookUuid}/deliveries`, {
          query,
        });
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('Invalid pagination request');
      }
      const bad = await host.call('get', `/${webhookUuid}/deliveries`, {
        query: { status: 'LOST' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('status');
    });

    it('lists the attempts of a delivery in order', async () => {
      const res = await host.call(
        'get',
        `/${webhookUuid}/deliveries/${uuids.tieC}/attempts`,
      );
      expect(res.status).toBe(200);
      expect(
        res.body.data.map((a: { attemptNumber: number }) => a.attemptNumber),
      ).toEqual([1, 2, 3]);
      expect(res.body.data[2]).toMatchObject({
        deliveryUuid: uuids.tieC,
        succeeded: true,
        statusCode: 200,
        errorKind: null,
        responseBody: 'ok',
        durationMs: 12,
      });
    });

    it("404s for another webhook's delivery or an unknown one", async () => {
      for (const delivery of [uuids.foreign, 'msg_nope', 'msg_%00', '%C3%A9']) {
        const res = await host.call(
          'get',
          `/${webhookUuid}/deliveries/${delivery}/attempts`,
        );
        expect(res.status).toBe(404);
        expect(res.body.errors[0]).toMatchObject({
          type: 'NOT_FOUND',
          field: 'deliveryUuid',
        });
      }
    });

    it('re-sends a finished delivery, due now, and refuses a pending one', async () => {
      const before = Date.now();
      const res = await host.call(
        'post',
        `/${webhookUuid}/deliveries/${uuids.tieC}/resend`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        uuid: uuids.tieC,
        status: 'PENDING',
        deliveredAt: null,
      });
      expect(res.body.data.nextAttemptAt).toBeGreaterThanOrEqual(before);
      const again = await host.call(
        'post',
        `/${webhookUuid}/deliveries/${uuids.tieC}/resend`,
      );
      expect(again.status).toBe(400);
      expect(again.body.errors[0]).toMatchObject({
        type: 'INVALID_VALUE',
        field: 'deliveryUuid',
      });
      const foreign = await host.call(
        'post',
        `/${webhookUuid}/deliveries/${uuids.foreign}/resend`,
      );
      expect(foreign.status).toBe(404);
    });

    it('recovers the FAILED deliveries of a time range only', async () => {
      const res = await host.call('post', `/${webhookUuid}/recover`, {
        body: { since: T0 + 50, until: T0 + 1_000 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Success', data: { requeued: 2 } });
      const rows = await dataSource
        .getRepository(WebhookDeliveryEntity)
        .find({ where: { companyUuid: ACME } });
      const status = Object.fromEntries(rows.map((r) => [r.uuid, r.status]));
      expect(status[uuids.tieA]).toBe('PENDING');
      expect(status[uuids.tieB]).toBe('PENDING');
      expect(status[uuids.lateFailure]).toBe('FAILED');
      expect(status[uuids.old]).toBe('SUCCEEDED');
      expect(status[uuids.foreign]).toBe('FAILED');
    });

    it('refuses to resend or recover for a disabled webhook, leaving its deliveries as they were', async () => {
      await host.call('post', `/${webhookUuid}/disable`);
      try {
        const resend = await host.call(
          'post',
          `/${webhookUuid}/deliveries/${uuids.lateFailure}/resend`,
        );
        const recover = await host.call('post', `/${webhookUuid}/recover`, {
          body: { since: 0, until: T0 + 10_000 },
        });
        for (const res of [resend, recover]) {
          expect(res.status).toBe(400);
          expect(res.body.errors[0]).toMatchObject({
            type: 'INVALID_VALUE',
            field: 'uuid',
            message: expect.stringMatching(/disabled/),
          });
        }
        const row = await dataSource
          .getRepository(WebhookDeliveryEntity)
          .findOneByOrFail({ uuid: uuids.lateFailure });
        expect(row.status).toBe('FAILED');
      } finally {
        await host.call('post', `/${webhookUuid}/enable`);
      }
    });

    it('refuses a bad recovery range', async () => {
      const reversed = await host.call('post', `/${webhookUuid}/recover`, {
        body: { since: T0 + 10, until: T0 },
      });
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors[0].field).toBe('until');
      const missing = await host.call('post', `/${webhookUuid}/recover`, {
        body: { until: T0 },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('since');
    });
  });

  it.each([
    [{ since: 0, until: 1e300 }, 'until'],
    [{ since: 1e300, until: 0 }, 'since'],
    [{ since: 0, until: 8.64e15 + 1 }, 'until'],
  ])('refuses the recovery range %j outside epoch ms', async (body, field) => {
    const res = await host.call('post', `/${webhookUuid}/recover`, { body });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field, type: 'VALIDATION' });
  });

  it('accepts the widest recovery range', async () => {
    const res = await host.call('post', `/${otherWebhookUuid}/recover`, {
      body: { since: 0, until: 8.64e15 },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    'enable',
    'disable',
    'test',
    'deliveries/00000000-0000-4000-8000-000000000000/resend',
  ])(
    'refuses a body field on POST /{uuid}/%s like an unknown field',
    async (operation) => {
      const res = await host.call('post', `/${otherWebhookUuid}/${operation}`, {
        body: { x: 1 },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ type: 'VALIDATION', field: 'x' }),
      ]);
      const empty = await host.call('post', `/${otherWebhookUuid}/enable`, {
        body: {},
      });
      expect(empty.status).toBe(200);
    },
  );

  describe('secret rotation', () => {
    it('keeps the old secret signing for the overlap', async () => {
      const before = await stored();
      const res = await host.call('post', `/${webhookUuid}/rotate-secret`, {
        body: { secret: NEW_SECRET, overlapMs: 60_000 },
      });
      expect(res.status).toBe(200);
      expect(res.body.data.uuid).toBe(webhookUuid);
      const after = await stored();
      expect(cipher().decrypt(after.secret)).toBe(NEW_SECRET);
      expect(after.previousSecret).toBe(before.secret);
      expect(after.previousSecretExpiresAt! - Date.now()).toBeGreaterThan(
        50_000,
      );
      expect(after.previousSecretExpiresAt! - Date.now()).toBeLessThanOrEqual(
        60_000,
      );
    });

    it('uses the module overlap by default and drops the old secret with 0', async () => {
      await host.call('post', `/${webhookUuid}/rotate-secret`, {
        body: { secret: THIRD_SECRET },
      });
      const defaulted = await stored();
      expect(defaulted.previousSecretExpiresAt! - Date.now()).toBeGreaterThan(
        3_500_000,
      );
      await host.call('post', `/${webhookUuid}/rotate-secret`, {
        body: { secret: FIRST_SECRET, overlapMs: 0 },
      });
      const dropped = await stored();
      expect(dropped.previousSecret).toBeNull();
      expect(dropped.previousSecretExpiresAt).toBeNull();
    });

    it('refuses a short secret or a negative overlap', async () => {
      const short = await host.call('post', `/${webhookUuid}/rotate-secret`, {
        body: { secret: 'short' },
      });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].field).toBe('secret');
      const negative = await host.call(
        'post',
        `/${webhookUuid}/rotate-secret`,
        {
          body: { secret: NEW_SECRET, overlapMs: -1 },
        },
      );
      expect(negative.status).toBe(400);
      expect(negative.body.errors[0].field).toBe('overlapMs');
    });
  });

  describe('enable and disable', () => {
    it('disables with a reason and enables clearing it and the failure clock', async () => {
      const disabled = await host.call('post', `/${webhookUuid}/disable`);
      expect(disabled.status).toBe(200);
      expect(disabled.body.data).toMatchObject({
        enabled: false,
        status: 'DISABLED',
        disabledReason: expect.any(String),
      });
      // As the dispatcher leaves a webhook it disabled after days of failures.
      await dataSource.getRepository(WebhookEntity).update(
        { uuid: webhookUuid },
        {
          enabled: true,
          status: 'DISABLED',
          disabledReason: 'Failing since 5 days',
          failingSince: T0,
        },
      );
      const enabled = await host.call('post', `/${webhookUuid}/enable`);
      expect(enabled.body.data).toMatchObject({
        enabled: true,
        status: 'ACTIVE',
        disabledReason: null,
      });
      expect((await stored()).failingSince).toBeNull();
    });

    it('PUT enabled:false / true does the same', async () => {
      const off = await host.call('put', `/${webhookUuid}`, {
        body: { enabled: false },
      });
      expect(off.body.data).toMatchObject({
        status: 'DISABLED',
        enabled: false,
      });
      const on = await host.call('put', `/${webhookUuid}`, {
        body: { enabled: true },
      });
      expect(on.body.data).toMatchObject({
        status: 'ACTIVE',
        disabledReason: null,
      });
    });
  });

  it('never returned a secret in any response body', () => {
    for (const secret of [FIRST_SECRET, NEW_SECRET, THIRD_SECRET]) {
      expect(host.log.containing(secret)).toEqual([]);
    }
    expect(host.log.withSecretKeys()).toEqual([]);
  });
});

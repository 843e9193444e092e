import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/create-test-app';
import { startReceiver } from '../support/receiver';
import type { TestReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';
import {
  FAST,
  attemptsOf,
  insertDeliveries,
  insertWebhook,
  untilStatus,
} from './delivery-fixtures';

// The delivery side of the SSRF guard: the module's NetworkPolicy is applied
// to IP literals before connecting and to resolved names in undici's lookup.
describeEachDatabase('network policy at delivery time', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await createTestApp(db, {
      webhooks: { ...FAST, allowedNetworks: [] },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it.each([
    ['an IP literal', (port: number) => `http://127.0.0.1:${port}/literal`],
    ['a hex spelling', (port: number) => `http://0x7f.1:${port}/hex`],
    [
      'a host name resolved to loopback',
      (port: number) => `http://localhost:${port}/name`,
    ],
  ])(
    'refuses %s: a failed attempt with BLOCKED_ADDRESS, nothing sent',
    async (_label, urlOf) => {
      const port = Number(new URL(receiver.url()).port);
      const webhook = await insertWebhook(dataSource, {
        url: urlOf(port),
        maxRetries: 0,
      });
      const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
      await untilStatus(app, delivery.uuid, 'FAILED');
      const [attempt] = await attemptsOf(dataSource, delivery.uuid);
      expect(attempt).toMatchObject({
        errorKind: 'BLOCKED_ADDRESS',
        statusCode: null,
        succeeded: false,
      });
      expect(attempt.errorMessage).toMatch(/loopback|refused/i);
      expect(receiver.requests).toHaveLength(0);
    },
  );

  it('refuses a URL with credentials as INVALID_URL', async () => {
    const webhook = await insertWebhook(dataSource, {
      url: receiver.url('/creds').replace('http://', 'http://user:pw@'),
      maxRetries: 0,
    });
    const [delivery] = await insertDeliveries(dataSource, webhook, ['{}']);
    await untilStatus(app, delivery.uuid, 'FAILED');
    const [attempt] = await attemptsOf(dataSource, delivery.uuid);
    expect(attempt.errorKind).toBe('INVALID_URL');
    expect(attempt.errorMessage).not.toContain('pw');
    expect(receiver.requests).toHaveLength(0);
  });
});

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  WEBHOOK_ENTITIES,
  WEBHOOK_MIGRATIONS,
  WEBHOOKS_NETWORK_POLICY,
  WebhookNetworkPolicy,
  WebhooksModule,
} from 'nestjs-outbound-webhooks';
import type { HostResolver } from 'nestjs-outbound-webhooks';
import { describeEachDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';
import { CountingServer } from './support/counting.server';

const COMPANY = '0c0c0c0c-0000-4000-8000-00000000000c';
const ALLOWED = ['127.0.0.1/32'];

/**
 * Test DNS, used by the module's own policy at connect time. `rebind.test`
 * answers publicly first (the URL was accepted) and with the canary after.
 */
function testResolver(): HostResolver {
  let rebindCalls = 0;
  return (hostname) => {
    const name = hostname.toLowerCase();
    if (name === 'rebind.test') {
      rebindCalls += 1;
      const address = rebindCalls === 1 ? '93.184.216.34' : '127.0.0.2';
      return Promise.resolve([{ address, family: 4 }]);
    }
    const table: Record<string, string> = {
      'canary.test': '127.0.0.2',
      'receiver.test': '127.0.0.1',
    };
    return table[name]
      ? Promise.resolve([{ address: table[name], family: 4 }])
      : Promise.reject(
          Object.assign(new Error(`ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
          }),
        );
  };
}

async function createGuardedApp(
  db: TestDatabase,
  policy: WebhookNetworkPolicy,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({
        ...db.options(),
        entities: [...WEBHOOK_ENTITIES],
        migrations: [...WEBHOOK_MIGRATIONS],
        migrationsRun: true,
        logging: false,
      }),
      ScheduleModule.forRoot(),
      WebhooksModule.forRoot({
        dispatcherEnabled: true,
        pollIntervalMs: 50,
        allowedNetworks: ALLOWED,
        requestTimeoutMs: 2_000,
        defaultMaxRetries: 0,
        mountControllers: false,
      }),
    ],
  })
    .overrideProvider(WEBHOOKS_NETWORK_POLICY)
    .useValue(policy)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

interface AttemptRow {
  errorKind: string | null;
  errorMessage: string | null;
  statusCode: number | null;
}

describeEachDatabase('SSRF guard at delivery time', (db) => {
  const canary = new CountingServer();
  const receiver = new CountingServer();
  let redirector: CountingServer;
  let app: INestApplication;
  let dataSource: DataSource;
  const policy = new WebhookNetworkPolicy({
    allowedNetworks: ALLOWED,
    resolver: testResolver(),
  });

  /** Inserts a webhook (as if stored earlier) with one due delivery. */
  async function webhookWithDelivery(
    url: string,
    maxRetries = 0,
  ): Promise<string> {
    const now = Date.now();
    const webhookUuid = randomUUID();
    await dataSource.getRepository('WebhookEntity').insert({
      uuid: webhookUuid,
      companyUuid: COMPANY,
      appUuid: null,
      url,
      secret: 'whsec_c2VjdXJpdHktY2FuYXJ5LXNlY3JldA==',
      topic: 'record.candidate.created',
      webhookFormat: 'RAW',
      deliveryMode: 'HTTP',
      maxRetries,
      retryBackoffMs: 60_000,
      createdAt: now,
      updatedAt: now,
    });
    const deliveryUuid = `msg_${randomUUID()}`;
    await dataSource.getRepository('WebhookDeliveryEntity').insert({
      uuid: deliveryUuid,
      companyUuid: COMPANY,
      webhookUuid,
      eventUuid: randomUUID(),
      topic: 'record.candidate.created',
      status: 'PENDING',
      body: '{"canary":true}',
      attemptCount: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    });
    return deliveryUuid;
  }

  /** Waits until each delivery has an attempt; returns the first of each. */
  async function firstAttempts(
    deliveryUuids: string[],
  ): Promise<Map<string, AttemptRow>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const rows = (await dataSource
        .getRepository('WebhookAttemptEntity')
        .find({ order: { attemptNumber: 'ASC' } })) as (AttemptRow & {
        deliveryUuid: string;
      })[];
      const found = new Map<string, AttemptRow>();
      for (const row of rows) {
        if (!found.has(row.deliveryUuid)) found.set(row.deliveryUuid, row);
      }
      if (deliveryUuids.every((uuid) => found.has(uuid))) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no attempt for ${deliveryUuids.filter((u) => !found.has(u)).join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    await canary.listen('127.0.0.2');
    await receiver.listen('127.0.0.1');
    const canaryPort = canary.port;
    redirector = await new CountingServer((res) => {
      res.statusCode = 302;
      res.setHeader('location', `http://127.0.0.2:${canaryPort}/stolen`);
      res.end();
    }).listen('127.0.0.1');
    app = await createGuardedApp(db, policy);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([canary.close(), receiver.close(), redirector?.close()]);
  });

  it('never connects to the canary, in any spelling or through any name', async () => {
    // The URL of the rebinding name passes validation first (public answer).
    await policy.assertUrlAllowed('http://rebind.test/hook');
    const port = String(canary.port);
    const spellings = [
      'http://127.0.0.2:PORT/hook',
      'http://2130706434:PORT/hook',
      'http://0x7f000002:PORT/hook',
      'http://0177.0.0.2:PORT/hook',
      'http://127.2:PORT/hook',
      'http://127.0.0.2.:PORT/hook',
      'http://[::ffff:127.0.0.2]:PORT/hook',
      'http://[::ffff:7f00:2]:PORT/hook',
      'http://[::127.0.0.2]:PORT/hook',
      'http://[64:ff9b::7f00:2]:PORT/hook',
      'http://canary.test:PORT/hook',
      'http://rebind.test:PORT/hook',
    ].map((url) => url.replace('PORT', port));
    const blocked = await Promise.all(spellings.map(webhookWithDelivery));
    const control = await webhookWithDelivery(
      `http://receiver.test:${receiver.port}/control`,
    );
    const redirected = await webhookWithDelivery(
      `http://127.0.0.1:${redirector.port}/hook`,
    );

    const attempts = await firstAttempts([...blocked, control, redirected]);

    for (const [index, uuid] of blocked.entries()) {
      expect({ url: spellings[index], ...attempts.get(uuid) }).toMatchObject({
        url: spellings[index],
        errorKind: 'BLOCKED_ADDRESS',
        statusCode: null,
      });
      expect(attempts.get(uuid)?.errorMessage).toMatch(/127\.0\.0\.2|7f00:2/);
    }
    expect(attempts.get(control)).toMatchObject({
      statusCode: 200,
      errorKind: null,
    });
    expect(receiver.requests.map((r) => r.url)).toEqual(['/control']);
    expect(attempts.get(redirected)?.statusCode).toBe(302);
    expect(redirector.requests).toHaveLength(1);
    expect(canary.connections).toBe(0);
  });

  it('fails an IP-literal refusal at once, and retries a refused host name whose address may change', async () => {
    const port = String(canary.port);
    const literal = await webhookWithDelivery(
      `http://0x7f000002:${port}/hook`,
      5,
    );
    const named = await webhookWithDelivery(
      `http://canary.test:${port}/hook`,
      5,
    );
    await firstAttempts([literal, named]);
    const deliveries = dataSource.getRepository('WebhookDeliveryEntity');
    const deadline = Date.now() + 10_000;
    let byLiteral = await deliveries.findOneByOrFail({ uuid: literal });
    while (byLiteral.status !== 'FAILED' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      byLiteral = await deliveries.findOneByOrFail({ uuid: literal });
    }
    expect(byLiteral).toMatchObject({ status: 'FAILED', attemptCount: 1 });
    let byName = await deliveries.findOneByOrFail({ uuid: named });
    while (byName.attemptCount < 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      byName = await deliveries.findOneByOrFail({ uuid: named });
    }
    expect(byName).toMatchObject({ status: 'PENDING', attemptCount: 1 });
    expect(byName.nextAttemptAt).toBeGreaterThan(Date.now() + 30_000);
    expect(canary.connections).toBe(0);
  });
});

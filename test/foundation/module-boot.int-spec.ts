import { DataSource } from 'typeorm';
import {
  WEBHOOK_ENTITIES,
  WEBHOOK_MIGRATIONS,
  WEBHOOKS_RESOLVED_OPTIONS,
  WebhooksModule,
} from 'nestjs-outbound-webhooks';
import type { ResolvedWebhooksOptions } from 'nestjs-outbound-webhooks';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScheduleModule } from '@nestjs/schedule';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';

const TABLES = [
  'webhook_webhooks',
  'webhook_events',
  'webhook_deliveries',
  'webhook_attempts',
];

/**
 * Boots a module that is expected to fail. A module that fails to compile is
 * never closed, so its connection pool would outlive the test: these boots
 * run on in-memory SQLite.
 */
function bootOnMemory(webhooks: DynamicModule): Promise<void> {
  return Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({
        type: 'better-sqlite3',
        database: ':memory:',
        entities: [...WEBHOOK_ENTITIES],
      }),
      ScheduleModule.forRoot(),
      webhooks,
    ],
  })
    .compile()
    .then((m) => m.close());
}

describeEachDatabase('foundation', (db) => {
  it('migrations create every table and index, and revert cleanly', async () => {
    const dataSource = new DataSource({
      ...db.options(),
      entities: [...WEBHOOK_ENTITIES],
      migrations: [...WEBHOOK_MIGRATIONS],
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const runner = dataSource.createQueryRunner();
      for (const table of TABLES) {
        expect(await runner.hasTable(table)).toBe(true);
      }
      const deliveries = await runner.getTable('webhook_deliveries');
      expect(deliveries?.indices.map((index) => index.name)).toEqual(
        expect.arrayContaining([
          'idx_webhook_deliveries_due',
          'uq_webhook_deliveries_event_webhook',
        ]),
      );
      await dataSource.undoLastMigration();
      for (const table of TABLES) {
        expect(await runner.hasTable(table)).toBe(false);
      }
      await dataSource.runMigrations();
      expect(await runner.hasTable('webhook_webhooks')).toBe(true);
      await runner.release();
    } finally {
      await dataSource.destroy();
    }
  });

  it('boots inside a host and round-trips every entity', async () => {
    const app = await createTestApp(db, { mountControllers: false });
    try {
      const dataSource = app.get(DataSource);
      const now = Date.now();
      await dataSource.getRepository('WebhookEntity').insert({
        uuid: '00000000-0000-4000-8000-000000000001',
        companyUuid: '00000000-0000-4000-8000-0000000000c1',
        appUuid: null,
        url: 'http://127.0.0.1:9/hook?a=%2F',
        secret: 'secret-value',
        topic: 'record.candidate.created',
        webhookFormat: 'LEGACY',
        filter: {
          groups: [{ items: [{ property: 'x', operator: 'eq', value: 1 }] }],
        },
        deliveryMode: 'HTTP',
        createdAt: now,
        updatedAt: now,
      });
      const saved = await dataSource
        .getRepository('WebhookEntity')
        .findOneByOrFail({ uuid: '00000000-0000-4000-8000-000000000001' });
      expect(saved).toMatchObject({
        createdAt: now,
        enabled: true,
        retryEnabled: true,
        status: 'ACTIVE',
        filter: {
          groups: [{ items: [{ property: 'x', operator: 'eq', value: 1 }] }],
        },
      });
      expect(typeof saved.createdAt).toBe('number');
    } finally {
      await app.close();
    }
  });

  it('resolves options at boot and names a bad option', async () => {
    const app = await createTestApp(db, {
      webhooks: { pollIntervalMs: 500 },
      mountControllers: false,
    });
    try {
      const resolved = app.get<ResolvedWebhooksOptions>(
        WEBHOOKS_RESOLVED_OPTIONS,
      );
      expect(resolved.pollIntervalMs).toBe(500);
    } finally {
      await app.close();
    }
    await expect(
      bootOnMemory(WebhooksModule.forRoot({ batchSize: -1 })),
    ).rejects.toThrow(/"batchSize"/);
  });

  it.each([
    ['responseBodyMaxBytes', 16 * 1024 * 1024],
    ['maxPayloadBytes', 64 * 1024 * 1024],
  ] as const)(
    'boots with %s at its maximum only where a row that large can be written',
    async (option, maximum) => {
      const boot = createTestApp(db, {
        webhooks: { [option]: maximum },
        mountControllers: false,
      });
      if (db.kind !== 'mariadb') {
        await (await boot).close();
        return;
      }
      // MariaDB's default max_allowed_packet is 16 MiB.
      await expect(boot).rejects.toThrow(
        new RegExp(
          `option "${option}": ${maximum} bytes may not fit this database's ` +
            String.raw`max_allowed_packet \(\d+ bytes\).*` +
            String.raw`Set it to at most \d+, or raise max_allowed_packet`,
        ),
      );
      const fits = await createTestApp(db, {
        webhooks: { [option]: 1024 * 1024 },
        mountControllers: false,
      });
      await fits.close();
    },
  );

  it('refuses to boot with the REST controllers mounted and no authResolver, naming the option and the fix', async () => {
    const refusal =
      /WebhooksModule option "authResolver": missing, but the REST controllers are mounted.*or set mountControllers: false/;
    await expect(
      bootOnMemory(WebhooksModule.forRoot({ dispatcherEnabled: false })),
    ).rejects.toThrow(refusal);
    await expect(
      bootOnMemory(
        WebhooksModule.forRootAsync({
          useFactory: () => ({ dispatcherEnabled: false }),
          mountControllers: true,
        }),
      ),
    ).rejects.toThrow(refusal);
  });

  it('supports forRootAsync with injected factories', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          ...db.options(),
          entities: [...WEBHOOK_ENTITIES],
          migrations: [...WEBHOOK_MIGRATIONS],
          migrationsRun: true,
        }),
        ScheduleModule.forRoot(),
        WebhooksModule.forRootAsync({
          useFactory: () => ({ dispatcherEnabled: false, batchSize: 7 }),
          mountControllers: false,
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect(
        app.get<ResolvedWebhooksOptions>(WEBHOOKS_RESOLVED_OPTIONS).batchSize,
      ).toBe(7);
    } finally {
      await app.close();
    }
  });
});

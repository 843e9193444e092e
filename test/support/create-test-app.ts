import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  WEBHOOK_ENTITIES,
  WEBHOOK_MIGRATIONS,
  WebhooksModule,
} from 'nestjs-outbound-webhooks';
import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';
import type { TestDatabase } from './test-database';

export interface TestAppOptions {
  webhooks?: WebhooksModuleOptions;
  mountControllers?: boolean;
  imports?: ModuleMetadata['imports'];
  providers?: ModuleMetadata['providers'];
  /** Start listening on a random loopback port (for supertest). */
  listen?: boolean;
}

/**
 * A minimal host: TypeORM on the test database with the module's entities
 * and migrations, the scheduler, and the module itself.
 */
export async function createTestApp(
  db: TestDatabase,
  options: TestAppOptions = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({
        ...db.options(),
        entities: [...WEBHOOK_ENTITIES],
        migrations: [...WEBHOOK_MIGRATIONS],
        migrationsRun: true,
        synchronize: false,
        logging: false,
      }),
      ScheduleModule.forRoot(),
      WebhooksModule.forRoot({
        dispatcherEnabled: false,
        ...options.webhooks,
        mountControllers: options.mountControllers ?? true,
      }),
      ...(options.imports ?? []),
    ],
    providers: options.providers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.enableShutdownHooks();
  try {
    if (options.listen) await app.listen(0, '127.0.0.1');
    else await app.init();
  } catch (error) {
    // A boot that fails must not leave its connection pool behind.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

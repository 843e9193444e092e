import { Test } from '@nestjs/testing';
import type { TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../../sample-app/src/app.module';
import {
  SAMPLE_APP_OPTIONS,
  configureApp,
} from '../../../sample-app/src/configure-app';
import type { SampleConfig } from '../../../sample-app/src/config/sample-config.interface';
import type { TestDatabase } from '../../support/test-database';

/**
 * The sample app exactly as `main.ts` builds it, on a test database,
 * listening on a random loopback port. `customize` may override providers
 * (e.g. wrap one to make it fail) before the module compiles.
 */
export async function createSampleApp(
  db: TestDatabase,
  overrides: Partial<SampleConfig> = {},
  customize: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<NestExpressApplication> {
  const config: SampleConfig = {
    port: 0,
    host: '127.0.0.1',
    database: db.options(),
    allowedNetworks: ['127.0.0.0/8', '::1/128'],
    pollIntervalMs: 50,
    ...overrides,
  };
  const moduleRef = await customize(
    Test.createTestingModule({ imports: [AppModule.forRoot(config)] }),
  ).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    ...SAMPLE_APP_OPTIONS,
    logger: process.env.SAMPLE_TEST_LOGS ? ['error', 'warn'] : false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

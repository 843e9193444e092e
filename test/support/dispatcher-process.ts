/**
 * A host process running only the webhook dispatcher, for multi-process
 * tests (several dispatchers on one database, SIGKILL mid-request).
 *
 * Start it with `startDispatcherProcess()` (test/support/dispatcher-processes.ts),
 * or by hand:
 *   DISPATCHER_DB_OPTIONS='{"type":"postgres","url":"..."}' \
 *   DISPATCHER_WEBHOOKS_OPTIONS='{"pollIntervalMs":50}' \
 *   node -r ts-node/register/transpile-only test/support/dispatcher-process.ts
 *
 * It sends `ready` over IPC (or prints it) once bootstrapped, and closes the
 * app gracefully on SIGTERM.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import {
  WEBHOOK_ENTITIES,
  WebhooksModule,
} from '../../packages/outbound-webhooks/src';
import type { WebhooksModuleOptions } from '../../packages/outbound-webhooks/src';

async function main(): Promise<void> {
  const database = JSON.parse(
    process.env.DISPATCHER_DB_OPTIONS ?? '{}',
  ) as DataSourceOptions;
  const webhooks = JSON.parse(
    process.env.DISPATCHER_WEBHOOKS_OPTIONS ?? '{}',
  ) as WebhooksModuleOptions;

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        ...database,
        entities: [...WEBHOOK_ENTITIES],
        synchronize: false,
        logging: false,
      }),
      ScheduleModule.forRoot(),
      WebhooksModule.forRoot({
        ...webhooks,
        dispatcherEnabled: true,
        mountControllers: false,
      }),
    ],
  })
  class DispatcherHostModule {}

  const app = await NestFactory.createApplicationContext(DispatcherHostModule, {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks(['SIGTERM']);
  if (process.send) process.send('ready');
  else process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`dispatcher process failed: ${String(error)}\n`);
  process.exit(1);
});

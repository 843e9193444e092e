import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  WEBHOOK_ENTITIES,
  WebhookPublisher,
  WebhooksModule,
} from 'nestjs-outbound-webhooks';
import type { WebhooksModuleOptions } from 'nestjs-outbound-webhooks';
import type { BenchDatabaseLocation } from './bench-database';
import { typeOrmOptions } from './bench-database';

/** The company every benchmark webhook and event belongs to. */
export const BENCH_COMPANY = '00000000-0000-4000-8000-000000000001';
/** The topic every benchmark webhook subscribes to. */
export const BENCH_TOPIC = 'record.candidate.created';

/**
 * A minimal host of the module: TypeORM on the benchmark database, the
 * scheduler, and `WebhooksModule` with the given options (no controllers).
 */
export class ModuleHost {
  private constructor(readonly app: INestApplication) {}

  /** Boots the host and runs its lifecycle hooks (the dispatcher starts). */
  static async start(
    location: BenchDatabaseLocation,
    webhooks: WebhooksModuleOptions,
    poolSize = 10,
  ): Promise<ModuleHost> {
    const host = await ModuleHost.boot(location, webhooks, poolSize);
    await host.init();
    return host;
  }

  /**
   * Builds the host (providers, the TypeORM connection) without running
   * the lifecycle hooks: the dispatcher starts only on `init`.
   */
  static async boot(
    location: BenchDatabaseLocation,
    webhooks: WebhooksModuleOptions,
    poolSize = 10,
  ): Promise<ModuleHost> {
    @Module({})
    class BenchHostModule {
      static register(): DynamicModule {
        return {
          module: BenchHostModule,
          imports: [
            TypeOrmModule.forRoot({
              ...typeOrmOptions(location, poolSize),
              entities: [...WEBHOOK_ENTITIES],
              migrationsRun: false,
              synchronize: false,
              logging: false,
            }),
            ScheduleModule.forRoot(),
            WebhooksModule.forRoot({
              allowedNetworks: ['127.0.0.0/8'],
              ...webhooks,
              mountControllers: false,
            }),
          ],
        };
      }
    }
    // `create` (unlike `createApplicationContext`) leaves `init` to us. No
    // server listens: the HTTP adapter is never started.
    const app = await NestFactory.create(BenchHostModule.register(), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    app.enableShutdownHooks();
    return new ModuleHost(app);
  }

  /** Runs the lifecycle hooks: with the dispatcher enabled, it starts. */
  async init(): Promise<void> {
    await this.app.init();
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  get publisher(): WebhookPublisher {
    return this.app.get(WebhookPublisher);
  }

  /** Publishes one `record.candidate.created` event (own transaction without `manager`). */
  async publishCreated(
    properties: Record<string, string | number>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.publisher.recordCreated({
      companyUuid: BENCH_COMPANY,
      record: {
        uuid: randomRecordUuid(),
        objectName: 'candidate',
        properties,
      },
      manager,
    });
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

function randomRecordUuid(): string {
  return globalThis.crypto.randomUUID();
}

import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  WEBHOOK_ENTITIES,
  WEBHOOK_MIGRATIONS,
  WebhooksModule,
} from 'nestjs-outbound-webhooks';
import { SampleAuthResolver } from './auth/sample-auth.resolver';
import { SampleAppRegistry } from './companies/sample-app.registry';
import { SampleCompanyInfoProvider } from './companies/sample-company-info.provider';
import { ensureDatabaseFolder } from './config/ensure-database-folder';
import { SAMPLE_CONFIG } from './config/sample-config.constants';
import type { SampleConfig } from './config/sample-config.interface';
import { SampleConfigModule } from './config/sample-config.module';
import { SAMPLE_ENTITIES, SAMPLE_MIGRATIONS } from './database/sample-database';
import { RecordsModule } from './records/records.module';
import { SampleRelationLoader } from './records/sample-relation.loader';
import { SeedModule } from './seed/seed.module';
import { WebhooksHostModule } from './webhooks/webhooks-host.module';
import { webhooksOptionsFactory } from './webhooks/webhooks-options.factory';

/**
 * The sample platform: its own records, auth, companies and apps, with the
 * webhooks module on the same TypeORM data source.
 */
@Module({})
export class AppModule {
  static forRoot(config: SampleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SampleConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          inject: [SAMPLE_CONFIG],
          useFactory: (sample: SampleConfig) => ({
            ...ensureDatabaseFolder(sample.database),
            entities: [...SAMPLE_ENTITIES, ...WEBHOOK_ENTITIES],
            migrations: [...SAMPLE_MIGRATIONS, ...WEBHOOK_MIGRATIONS],
            migrationsRun: true,
            synchronize: false,
          }),
        }),
        // Once per application: the webhooks module registers its interval here.
        ScheduleModule.forRoot(),
        WebhooksModule.forRootAsync({
          isGlobal: true,
          imports: [WebhooksHostModule],
          inject: [
            SAMPLE_CONFIG,
            SampleAuthResolver,
            SampleCompanyInfoProvider,
            SampleAppRegistry,
            SampleRelationLoader,
          ],
          useFactory: webhooksOptionsFactory,
        }),
        RecordsModule,
        SeedModule,
      ],
    };
  }
}

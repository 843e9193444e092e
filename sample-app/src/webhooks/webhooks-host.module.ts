import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesModule } from '../companies/companies.module';
import { SampleRelationLoader } from '../records/sample-relation.loader';

/**
 * The four host services the webhooks module asks for: auth resolver,
 * company info, app registry and relation loader.
 */
@Module({
  imports: [AuthModule, CompaniesModule],
  providers: [SampleRelationLoader],
  exports: [AuthModule, CompaniesModule, SampleRelationLoader],
})
export class WebhooksHostModule {}

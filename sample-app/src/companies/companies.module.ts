import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppInstallationEntity } from './app-installation.entity';
import { AppEntity } from './app.entity';
import { CompanyEntity } from './company.entity';
import { SampleAppRegistry } from './sample-app.registry';
import { SampleCompanyInfoProvider } from './sample-company-info.provider';

/** Companies, apps and app installations. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CompanyEntity, AppEntity, AppInstallationEntity]),
  ],
  providers: [SampleCompanyInfoProvider, SampleAppRegistry],
  exports: [SampleCompanyInfoProvider, SampleAppRegistry],
})
export class CompaniesModule {}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type {
  WebhooksCompanyInfo,
  WebhooksCompanyInfoProvider,
} from 'nestjs-outbound-webhooks';
import { CompanyEntity } from './company.entity';

/** Company details for `GET /api/v2/webhooks/me` and payloads. */
@Injectable()
export class SampleCompanyInfoProvider implements WebhooksCompanyInfoProvider {
  constructor(
    @InjectRepository(CompanyEntity)
    private readonly companies: Repository<CompanyEntity>,
  ) {}

  async getCompany(companyUuid: string): Promise<WebhooksCompanyInfo | null> {
    const company = await this.companies.findOneBy({ uuid: companyUuid });
    if (!company) return null;
    return {
      uuid: company.uuid,
      name: company.name,
      website: company.website,
      logo: company.logo,
      primaryColor: company.primaryColor,
      secondaryColor: company.secondaryColor,
      updatedAt: company.updatedAt,
    };
  }
}

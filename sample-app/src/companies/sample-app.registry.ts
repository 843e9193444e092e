import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type {
  WebhooksApp,
  WebhooksAppRegistry,
} from 'nestjs-outbound-webhooks';
import { AppInstallationEntity } from './app-installation.entity';
import { AppEntity } from './app.entity';

/** Which apps exist and which company installed them, for app webhooks. */
@Injectable()
export class SampleAppRegistry implements WebhooksAppRegistry {
  constructor(
    @InjectRepository(AppEntity)
    private readonly apps: Repository<AppEntity>,
    @InjectRepository(AppInstallationEntity)
    private readonly installations: Repository<AppInstallationEntity>,
  ) {}

  async findApp(appUuid: string): Promise<WebhooksApp | null> {
    const app = await this.apps.findOneBy({ uuid: appUuid });
    return app ? { uuid: app.uuid, name: app.name } : null;
  }

  async isInstalled(appUuid: string, companyUuid: string): Promise<boolean> {
    return this.installations.existsBy({ appUuid, companyUuid });
  }
}

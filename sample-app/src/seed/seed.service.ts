import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hashToken } from '../auth/hash-token';
import { MembershipEntity } from '../auth/membership.entity';
import { UserEntity } from '../auth/user.entity';
import { AppInstallationEntity } from '../companies/app-installation.entity';
import { AppEntity } from '../companies/app.entity';
import { CompanyEntity } from '../companies/company.entity';
import { SEED } from './seed-data';

/**
 * Inserts the demo companies, users, tokens and app at every start. Rows
 * that exist are left alone (`INSERT ... ON CONFLICT DO NOTHING` and its
 * equivalents), so starting twice, or two instances at once, is harmless.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const companies = Object.values(SEED.companies).map((company) => ({
        ...company,
        logo: null,
        updatedAt: Date.UTC(2026, 0, 1),
      }));
      await insertMissing(manager, CompanyEntity, companies);
      const users = Object.values(SEED.users);
      await insertMissing(
        manager,
        UserEntity,
        users.map((user) => ({
          uuid: user.uuid,
          email: user.email,
          firstname: user.firstname,
          lastname: user.lastname,
          tokenHash: hashToken(user.token),
          defaultCompanyUuid: SEED.companies[user.defaultCompany].uuid,
        })),
      );
      await insertMissing(
        manager,
        MembershipEntity,
        users.flatMap((user) =>
          user.companies.map((key) => ({
            userUuid: user.uuid,
            companyUuid: SEED.companies[key].uuid,
          })),
        ),
      );
      const app = SEED.apps.demoApp;
      await insertMissing(manager, AppEntity, [
        { uuid: app.uuid, name: app.name },
      ]);
      await insertMissing(
        manager,
        AppInstallationEntity,
        app.installedFor.map((key) => ({
          appUuid: app.uuid,
          companyUuid: SEED.companies[key].uuid,
        })),
      );
    });
    this.logger.log('demo companies, users and app are in place');
  }
}

async function insertMissing<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows)
    .orIgnore()
    .execute();
}

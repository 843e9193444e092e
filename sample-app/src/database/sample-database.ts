import { AppInstallationEntity } from '../companies/app-installation.entity';
import { AppEntity } from '../companies/app.entity';
import { CompanyEntity } from '../companies/company.entity';
import { MembershipEntity } from '../auth/membership.entity';
import { UserEntity } from '../auth/user.entity';
import { RecordEntity } from '../records/record.entity';
import { RelationEntity } from '../records/relation.entity';
import { CreateSampleTables1764600000000 } from './migrations/1764600000000-create-sample-tables';

/** The sample platform's own entities (the module adds `WEBHOOK_ENTITIES`). */
export const SAMPLE_ENTITIES = [
  CompanyEntity,
  UserEntity,
  MembershipEntity,
  AppEntity,
  AppInstallationEntity,
  RecordEntity,
  RelationEntity,
];

/** The sample platform's own migrations (the module adds `WEBHOOK_MIGRATIONS`). */
export const SAMPLE_MIGRATIONS = [CreateSampleTables1764600000000];

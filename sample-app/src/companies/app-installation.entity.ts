import { Entity, PrimaryColumn } from 'typeorm';

/** An app installed by a company. */
@Entity({ name: 'sample_app_installations' })
export class AppInstallationEntity {
  @PrimaryColumn({ name: 'app_uuid', type: 'varchar', length: 36 })
  appUuid!: string;

  @PrimaryColumn({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;
}

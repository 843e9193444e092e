import { Entity, PrimaryColumn } from 'typeorm';

/** A user belongs to a company. */
@Entity({ name: 'sample_memberships' })
export class MembershipEntity {
  @PrimaryColumn({ name: 'user_uuid', type: 'varchar', length: 36 })
  userUuid!: string;

  @PrimaryColumn({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user of the sample platform and the hash of their API token. */
@Entity({ name: 'sample_users' })
@Index('uq_sample_users_token_hash', ['tokenHash'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'email', type: 'varchar', length: 255 })
  email!: string;

  @Column({ name: 'firstname', type: 'varchar', length: 255, nullable: true })
  firstname!: string | null;

  @Column({ name: 'lastname', type: 'varchar', length: 255, nullable: true })
  lastname!: string | null;

  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'default_company_uuid', type: 'varchar', length: 36 })
  defaultCompanyUuid!: string;
}

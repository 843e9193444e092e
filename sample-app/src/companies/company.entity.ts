import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from '../database/epoch-ms.transformer';

/** A tenant of the sample platform. */
@Entity({ name: 'sample_companies' })
export class CompanyEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'website', type: 'varchar', length: 255, nullable: true })
  website!: string | null;

  @Column({ name: 'logo', type: 'varchar', length: 512, nullable: true })
  logo!: string | null;

  @Column({
    name: 'primary_color',
    type: 'varchar',
    length: 16,
    nullable: true,
  })
  primaryColor!: string | null;

  @Column({
    name: 'secondary_color',
    type: 'varchar',
    length: 16,
    nullable: true,
  })
  secondaryColor!: string | null;

  @Column({
    name: 'updated_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  updatedAt!: number;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A third-party integration listed on the sample platform. */
@Entity({ name: 'sample_apps' })
export class AppEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name!: string;
}

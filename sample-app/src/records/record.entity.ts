import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from '../database/epoch-ms.transformer';
import { jsonTextTransformer } from '../database/json-text.transformer';

/** One record of any object; objects are schemaless in the sample. */
@Entity({ name: 'sample_records' })
@Index('idx_sample_records_company_object', ['companyUuid', 'objectName'])
export class RecordEntity {
  @PrimaryColumn({ name: 'uuid', type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;

  @Column({ name: 'object_name', type: 'varchar', length: 64 })
  objectName!: string;

  @Column({
    name: 'properties',
    type: 'text',
    transformer: jsonTextTransformer,
  })
  /** Any JSON values, by property name (see `RecordView`). */
  properties!: Record<string, unknown>;

  /** Set while the record is archived (soft-deleted), epoch ms. */
  @Column({
    name: 'archived_at',
    type: 'bigint',
    nullable: true,
    transformer: epochMsTransformer,
  })
  archivedAt!: number | null;

  @Column({
    name: 'created_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  createdAt!: number;

  @Column({
    name: 'updated_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  updatedAt!: number;
}

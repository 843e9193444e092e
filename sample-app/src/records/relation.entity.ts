import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMsTransformer } from '../database/epoch-ms.transformer';

/** A named, directed link between two records of one company. */
@Entity({ name: 'sample_relations' })
@Index('idx_sample_relations_to', ['toUuid', 'relationName'])
export class RelationEntity {
  @PrimaryColumn({ name: 'from_uuid', type: 'varchar', length: 36 })
  fromUuid!: string;

  @PrimaryColumn({ name: 'relation_name', type: 'varchar', length: 64 })
  relationName!: string;

  @PrimaryColumn({ name: 'to_uuid', type: 'varchar', length: 36 })
  toUuid!: string;

  @Column({ name: 'company_uuid', type: 'varchar', length: 36 })
  companyUuid!: string;

  @Column({
    name: 'created_at',
    type: 'bigint',
    transformer: epochMsTransformer,
  })
  createdAt!: number;
}

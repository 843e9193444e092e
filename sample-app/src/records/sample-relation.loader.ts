import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, IsNull } from 'typeorm';
import type {
  RelatedRecord,
  RelationLoadRequest,
  WebhooksRelationLoader,
} from 'nestjs-outbound-webhooks';
import { RecordEntity } from './record.entity';
import { toRecordView } from './record-view';
import { RelationEntity } from './relation.entity';

/**
 * Related records for `includeRelations` and relation filters, read from
 * the sample's relations table. A relation is followed from either end, so a
 * vacancy sees the candidates that `applied_to` it; archived records are
 * left out.
 */
@Injectable()
export class SampleRelationLoader implements WebhooksRelationLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(request: RelationLoadRequest): Promise<RelatedRecord[]> {
    const { companyUuid, record, relationName, limit } = request;
    const query = this.dataSource
      .getRepository(RelationEntity)
      .createQueryBuilder('relation')
      .where('relation.companyUuid = :companyUuid', { companyUuid })
      .andWhere(
        new Brackets((ends) =>
          ends
            .where('relation.fromUuid = :uuid', { uuid: record.uuid })
            .orWhere('relation.toUuid = :uuid', { uuid: record.uuid }),
        ),
      )
      .orderBy('relation.createdAt', 'ASC')
      .addOrderBy('relation.relationName', 'ASC');
    if (relationName !== '*') {
      query.andWhere('relation.relationName = :relationName', { relationName });
    }
    const links = await query.getMany();
    if (links.length === 0) return [];
    const otherUuids = links.map((link) =>
      link.fromUuid === record.uuid ? link.toUuid : link.fromUuid,
    );
    const others = await this.dataSource.getRepository(RecordEntity).findBy({
      uuid: In([...new Set(otherUuids)]),
      companyUuid,
      archivedAt: IsNull(),
    });
    const byUuid = new Map(others.map((other) => [other.uuid, other]));
    const counts = new Map<string, number>();
    const related: RelatedRecord[] = [];
    links.forEach((link, i) => {
      const other = byUuid.get(otherUuids[i]);
      const count = counts.get(link.relationName) ?? 0;
      if (!other || (limit !== undefined && count >= limit)) return;
      counts.set(link.relationName, count + 1);
      related.push({
        relationName: link.relationName,
        record: toRecordView(other),
      });
    });
    return related;
  }
}

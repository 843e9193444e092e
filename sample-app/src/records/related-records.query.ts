import { Brackets, In, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type {
  RelatedRecord,
  RelationLoadRequest,
} from 'nestjs-outbound-webhooks';
import { RecordEntity } from './record.entity';
import { toRecordView } from './record-view';
import { RelationEntity } from './relation.entity';

/**
 * The records related to `request.record`, followed from either end, read
 * with `manager`: the relation loader reads committed data, and a delete
 * reads them inside its own transaction, before they go. Archived records
 * are left out.
 */
export async function findRelatedRecords(
  manager: EntityManager,
  request: RelationLoadRequest,
): Promise<RelatedRecord[]> {
  const { companyUuid, record, relationName, limit } = request;
  const query = manager
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
  const others = await manager.getRepository(RecordEntity).findBy({
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

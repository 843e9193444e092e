import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookPublisher } from 'nestjs-outbound-webhooks';
import type {
  PropertyValue,
  RelatedRecord,
  WebhookRecord,
} from 'nestjs-outbound-webhooks';
import type { RequestAuth } from '../auth/request-auth.interface';
import { InvalidInputError } from '../common/invalid-input.error';
import type { RemoveMode } from './record-input';
import { findRecordOrFail } from './record.lookup';
import { newRecord } from './new-record';
import { RecordEntity } from './record.entity';
import { toRecordView } from './record-view';
import type { RecordView } from './record-view';
import { RelationEntity } from './relation.entity';
import { publishContext } from './publish-context';
import { findRelatedRecords } from './related-records.query';

function groupByRelation(
  related: RelatedRecord[],
): Record<string, WebhookRecord[]> {
  const groups: Record<string, WebhookRecord[]> = {};
  for (const { relationName, record } of related) {
    (groups[relationName] ??= []).push(record);
  }
  return groups;
}

/**
 * Record writes. Each one stores the change and publishes its webhook
 * event in ONE transaction: if either fails, neither happened.
 */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: WebhookPublisher,
  ) {}

  async get(auth: RequestAuth, uuid: string): Promise<RecordView> {
    const record = await findRecordOrFail(
      this.dataSource.manager,
      auth.companyUuid,
      uuid,
    );
    return toRecordView(record);
  }

  create(
    auth: RequestAuth,
    objectName: string,
    properties: Record<string, PropertyValue>,
  ): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const record = newRecord(auth.companyUuid, objectName, properties);
      await manager.save(record);
      const view = toRecordView(record);
      await this.publisher.recordCreated({
        ...publishContext(auth, manager),
        record: view,
      });
      return view;
    });
  }

  /**
   * Merges `properties` into the record. Publishes `updated` (and, through
   * the module, `property_changed.<name>` per changed property) only when
   * some value really changed.
   */
  update(
    auth: RequestAuth,
    objectName: string,
    uuid: string,
    properties: Record<string, PropertyValue>,
  ): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const record = await findRecordOrFail(manager, auth.companyUuid, uuid, {
        objectName,
        forUpdate: true,
      });
      this.assertNotArchived(record);
      const previous = toRecordView(record);
      const merged = { ...record.properties, ...properties };
      if (isDeepStrictEqual(merged, record.properties)) return previous;
      record.properties = merged;
      record.updatedAt = Math.max(Date.now(), previous.updatedAt + 1);
      await manager.save(record);
      const view = toRecordView(record);
      await this.publisher.recordUpdated({
        ...publishContext(auth, manager),
        record: view,
        previous,
      });
      return view;
    });
  }

  /** Archives (restorable) or hard-deletes a record with its relations. */
  remove(
    auth: RequestAuth,
    uuid: string,
    mode: RemoveMode,
  ): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const record = await findRecordOrFail(manager, auth.companyUuid, uuid, {
        forUpdate: true,
      });
      const event = publishContext(auth, manager);
      if (mode === 'delete') {
        const view = toRecordView(record);
        // Its relations go with it; the deleted event stands for them all
        // and carries them, so filters and includeRelations see the record
        // as it was (the loader runs after the commit, when they are gone).
        const related = await findRelatedRecords(manager, {
          companyUuid: auth.companyUuid,
          record: { uuid, objectName: record.objectName },
          relationName: '*',
        });
        await manager.delete(RelationEntity, { fromUuid: uuid });
        await manager.delete(RelationEntity, { toUuid: uuid });
        await manager.delete(RecordEntity, { uuid });
        await this.publisher.recordDeleted({
          ...event,
          record: view,
          relations: groupByRelation(related),
        });
        return view;
      }
      this.assertNotArchived(record);
      record.archivedAt = Date.now();
      record.updatedAt = Math.max(record.archivedAt, record.updatedAt + 1);
      await manager.save(record);
      const view = toRecordView(record);
      await this.publisher.recordArchived({ ...event, record: view });
      return view;
    });
  }

  restore(auth: RequestAuth, uuid: string): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const record = await findRecordOrFail(manager, auth.companyUuid, uuid, {
        forUpdate: true,
      });
      if (record.archivedAt === null) {
        throw new InvalidInputError(`Record ${uuid} is not archived.`, {
          type: 'INVALID_VALUE',
          correctionSuggestion: 'Only an archived record can be restored.',
        });
      }
      record.archivedAt = null;
      record.updatedAt = Math.max(Date.now(), record.updatedAt + 1);
      await manager.save(record);
      const view = toRecordView(record);
      await this.publisher.recordRestored({
        ...publishContext(auth, manager),
        record: view,
      });
      return view;
    });
  }

  private assertNotArchived(record: RecordEntity): void {
    if (record.archivedAt !== null) {
      throw new InvalidInputError(`Record ${record.uuid} is archived.`, {
        type: 'INVALID_VALUE',
        correctionSuggestion: `Restore it first: POST /api/v2/records/${record.uuid}/restore.`,
      });
    }
  }
}

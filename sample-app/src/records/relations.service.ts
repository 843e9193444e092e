import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookPublisher } from 'nestjs-outbound-webhooks';
import type { RequestAuth } from '../auth/request-auth.interface';
import { InvalidInputError } from '../common/invalid-input.error';
import { findRecordOrFail } from './record.lookup';
import { toRecordView } from './record-view';
import type { RecordView } from './record-view';
import { RelationEntity } from './relation.entity';
import { isUniqueViolation } from './unique-violation';
import { publishContext } from './publish-context';

/** The records a relation request names, both of the caller's company. */
interface RelationEnds {
  fromUuid: string;
  relationName: string;
  toUuid: string;
}

/**
 * Links and unlinks records; each change and its webhook event commit in
 * one transaction. Returns the `from` record.
 */
@Injectable()
export class RelationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: WebhookPublisher,
  ) {}

  link(auth: RequestAuth, ends: RelationEnds): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const from = await findRecordOrFail(
        manager,
        auth.companyUuid,
        ends.fromUuid,
      );
      const to = await findRecordOrFail(manager, auth.companyUuid, ends.toUuid);
      if (await manager.existsBy(RelationEntity, { ...ends })) {
        throw this.alreadyExists(ends);
      }
      try {
        await manager.insert(RelationEntity, {
          ...ends,
          companyUuid: auth.companyUuid,
          createdAt: Date.now(),
        });
      } catch (error) {
        // A concurrent request linked the same records first.
        if (isUniqueViolation(error)) throw this.alreadyExists(ends);
        throw error;
      }
      await this.publisher.relationCreated({
        ...publishContext(auth, manager),
        relationName: ends.relationName,
        fromRecord: toRecordView(from),
        toRecord: toRecordView(to),
      });
      return toRecordView(from);
    });
  }

  unlink(auth: RequestAuth, ends: RelationEnds): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const from = await findRecordOrFail(
        manager,
        auth.companyUuid,
        ends.fromUuid,
      );
      const to = await findRecordOrFail(manager, auth.companyUuid, ends.toUuid);
      const result = await manager.delete(RelationEntity, { ...ends });
      if (!result.affected) {
        throw new NotFoundException(
          `Relation "${ends.relationName}" from ${ends.fromUuid} to ${ends.toUuid} not found.`,
        );
      }
      await this.publisher.relationDeleted({
        ...publishContext(auth, manager),
        relationName: ends.relationName,
        fromRecord: toRecordView(from),
        toRecord: toRecordView(to),
      });
      return toRecordView(from);
    });
  }

  private alreadyExists(ends: RelationEnds): InvalidInputError {
    return new InvalidInputError(
      `Relation "${ends.relationName}" from ${ends.fromUuid} to ${ends.toUuid} already exists.`,
      {
        type: 'INVALID_VALUE',
        field: 'relationName',
        correctionSuggestion: 'Delete it first, or link other records.',
      },
    );
  }
}

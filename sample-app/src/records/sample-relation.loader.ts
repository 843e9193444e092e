import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  RelatedRecord,
  RelationLoadRequest,
  WebhooksRelationLoader,
} from 'nestjs-outbound-webhooks';
import { findRelatedRecords } from './related-records.query';

/**
 * Related records for `includeRelations` and relation filters, read from
 * the sample's relations table. A relation is followed from either end, so a
 * vacancy sees the candidates that `applied_to` it; archived records are
 * left out.
 */
@Injectable()
export class SampleRelationLoader implements WebhooksRelationLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  load(request: RelationLoadRequest): Promise<RelatedRecord[]> {
    return findRelatedRecords(this.dataSource.manager, request);
  }
}

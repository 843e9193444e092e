import { randomUUID } from 'node:crypto';
import type { PropertyValue } from 'nestjs-outbound-webhooks';
import { RecordEntity } from './record.entity';

/** A new, not yet stored record of the company. */
export function newRecord(
  companyUuid: string,
  objectName: string,
  properties: Record<string, PropertyValue>,
): RecordEntity {
  const now = Date.now();
  return Object.assign(new RecordEntity(), {
    uuid: randomUUID(),
    companyUuid,
    objectName,
    properties,
    archivedAt: null,
    createdAt: now,
    updatedAt: now,
  });
}

import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordEntity } from './record.entity';

/**
 * The company's record with that uuid, or a 404. Another company's record is
 * a 404 too: the caller cannot tell it exists.
 */
export async function findRecordOrFail(
  manager: EntityManager,
  companyUuid: string,
  uuid: string,
  objectName?: string,
): Promise<RecordEntity> {
  const record = await manager.findOneBy(RecordEntity, { uuid, companyUuid });
  if (!record || (objectName && record.objectName !== objectName)) {
    throw new NotFoundException(
      `Record ${uuid}${objectName ? ` of object "${objectName}"` : ''} not found.`,
    );
  }
  return record;
}

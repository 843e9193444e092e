import { NotFoundException } from '@nestjs/common';
import type { EntityManager, FindOneOptions } from 'typeorm';
import { RecordEntity } from './record.entity';

/** Drivers without `SELECT ... FOR UPDATE`; they serialize writers anyway. */
const NO_ROW_LOCKS = new Set(['better-sqlite3', 'sqlite']);

/**
 * The company's record with that uuid, or a 404. Another company's record is
 * a 404 too: the caller cannot tell it exists. With `forUpdate`, the row is
 * locked until the transaction ends, so two concurrent updates cannot both
 * read the same `previous` state.
 */
export async function findRecordOrFail(
  manager: EntityManager,
  companyUuid: string,
  uuid: string,
  options: { objectName?: string; forUpdate?: boolean } = {},
): Promise<RecordEntity> {
  const { objectName, forUpdate } = options;
  const find: FindOneOptions<RecordEntity> = { where: { uuid, companyUuid } };
  if (forUpdate && !NO_ROW_LOCKS.has(manager.connection.options.type)) {
    find.lock = { mode: 'pessimistic_write' };
  }
  const record = await manager.findOne(RecordEntity, find);
  if (!record || (objectName && record.objectName !== objectName)) {
    throw new NotFoundException(
      `Record ${uuid}${objectName ? ` of object "${objectName}"` : ''} not found.`,
    );
  }
  return record;
}

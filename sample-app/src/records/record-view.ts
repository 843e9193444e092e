import type { PropertyValue } from 'nestjs-outbound-webhooks';
import type { RecordEntity } from './record.entity';

/**
 * A record as the API returns it and as it is handed to the publisher:
 * `uuid`, `objectName`, `properties`, `createdAt`, `updatedAt` (epoch ms).
 */
export interface RecordView {
  uuid: string;
  objectName: string;
  properties: Record<string, PropertyValue>;
  createdAt: number;
  updatedAt: number;
}

/** The API and publisher view of a stored record. */
export function toRecordView(entity: RecordEntity): RecordView {
  return {
    uuid: entity.uuid,
    objectName: entity.objectName,
    // Stored from parsed JSON, so every value is a PropertyValue.
    properties: entity.properties as Record<string, PropertyValue>,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

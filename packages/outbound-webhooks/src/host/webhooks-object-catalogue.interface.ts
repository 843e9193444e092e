/**
 * Optional, implemented by the host: which objects and properties exist.
 * When provided, topics and filters naming unknown ones are refused.
 */
export interface WebhooksObjectCatalogue {
  hasObject(objectName: string): Promise<boolean>;
  hasProperty(objectName: string, propertyName: string): Promise<boolean>;
}

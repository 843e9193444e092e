/** Any JSON value a record property may hold (and `Date`, sent as ISO). */
export type PropertyValue =
  | string
  | number
  | boolean
  | null
  | Date
  | PropertyValue[]
  | { [key: string]: PropertyValue };

/** One record of the host, as the module sees it. */
export interface WebhookRecord {
  uuid: string;
  /** Lower-case object name, e.g. `candidate`. */
  objectName: string;
  properties: Record<string, PropertyValue>;
  /** Epoch ms, ISO string or Date. */
  createdAt?: number | string | Date | null;
  updatedAt?: number | string | Date | null;
}

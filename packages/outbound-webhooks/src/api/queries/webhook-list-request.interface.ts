import type { ListFilter } from './list-condition.interface';

/** One validated sort key. */
export interface ListSort {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A validated pagination request (SPEC 8.4) over one company's webhooks. */
export interface WebhookListRequest {
  /** One-based. */
  page: number;
  limit: number;
  /** Case-insensitive substring of topic, url, name, label, description. */
  query: string | null;
  /** Case-insensitive substring of the topic (`POST /index/{topic}`). */
  topicContains: string | null;
  filter: ListFilter;
  /** Never empty: the default is `createdAt DESC`. */
  sort: ListSort[];
}

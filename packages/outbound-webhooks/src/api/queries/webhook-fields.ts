/** How a webhook field is compared in list filters. */
export type WebhookFieldKind = 'string' | 'boolean' | 'number' | 'time';

/** A webhook field clients may filter (and maybe sort) on. */
export interface WebhookFieldSpec {
  kind: WebhookFieldKind;
  nullable: boolean;
  sortable: boolean;
  /**
   * An enum stored upper-case (`status`, `webhookFormat`, `deliveryMode`):
   * filter values are upper-cased, so `"disabled"` matches `DISABLED`.
   */
  upperCase?: boolean;
}

/**
 * The webhook fields of the list request (SPEC 8.4), by their API name,
 * which is also the entity property. Nothing outside this map ever reaches
 * SQL: filter properties and sort keys are looked up here first.
 */
export const WEBHOOK_LIST_FIELDS: Readonly<Record<string, WebhookFieldSpec>> = {
  uuid: { kind: 'string', nullable: false, sortable: true },
  topic: { kind: 'string', nullable: false, sortable: true },
  url: { kind: 'string', nullable: false, sortable: true },
  name: { kind: 'string', nullable: true, sortable: true },
  label: { kind: 'string', nullable: true, sortable: true },
  description: { kind: 'string', nullable: true, sortable: false },
  webhookFormat: {
    kind: 'string',
    nullable: false,
    sortable: true,
    upperCase: true,
  },
  appUuid: { kind: 'string', nullable: true, sortable: false },
  status: { kind: 'string', nullable: false, sortable: true, upperCase: true },
  disabledReason: { kind: 'string', nullable: true, sortable: false },
  deliveryMode: {
    kind: 'string',
    nullable: false,
    sortable: false,
    upperCase: true,
  },
  enabled: { kind: 'boolean', nullable: false, sortable: true },
  retryEnabled: { kind: 'boolean', nullable: false, sortable: false },
  maxRetries: { kind: 'number', nullable: true, sortable: false },
  retryBackoffMs: { kind: 'number', nullable: true, sortable: false },
  relationLimit: { kind: 'number', nullable: true, sortable: false },
  createdAt: { kind: 'time', nullable: false, sortable: true },
  updatedAt: { kind: 'time', nullable: false, sortable: true },
};

/** The sortable field names, for error messages and documentation. */
export const WEBHOOK_SORTABLE_FIELDS = Object.entries(WEBHOOK_LIST_FIELDS)
  .filter(([, spec]) => spec.sortable)
  .map(([name]) => name);

/** The columns `query` searches (case-insensitive substring). */
export const WEBHOOK_SEARCH_FIELDS = [
  'topic',
  'url',
  'name',
  'label',
  'description',
] as const;

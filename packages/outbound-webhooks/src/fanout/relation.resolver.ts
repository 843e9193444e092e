import type { WebhooksRelationLoader } from '../host/webhooks-relation-loader.interface';
import { serializeRecord } from '../publisher/payload.serializer';
import type { StoredRecord } from '../publisher/stored-event.interface';

/** Relation name that stands for every relation. */
export const ANY_RELATION = '*';

/** Related records by relation name. */
export type RelationMap = Record<string, StoredRecord[]>;

/** One relation to load, with the cap passed to the host (if any). */
export interface RelationWanted {
  name: string;
  limit?: number;
}

/**
 * Loads related records through the host's relation loader, once per
 * (record, relation, limit) for the life of this object (one fan-out
 * batch). Records the host passed with the event are used instead of the
 * loader for the event's own record.
 */
export class RelationResolver {
  private readonly cache = new Map<string, Promise<RelationMap>>();

  constructor(
    private readonly companyUuid: string,
    private readonly loader: WebhooksRelationLoader | undefined,
  ) {}

  /**
   * The wanted relations of `record`, by relation name; a `*` request fills
   * every name the loader returned. Missing relations are empty arrays.
   */
  async resolve(
    record: StoredRecord,
    wanted: RelationWanted[],
    passed?: RelationMap,
  ): Promise<RelationMap> {
    const result: RelationMap = {};
    for (const { name, limit } of wanted) {
      if (passed && (name === ANY_RELATION || name in passed)) {
        const groups =
          name === ANY_RELATION ? passed : { [name]: passed[name] };
        Object.assign(result, groups);
        continue;
      }
      const groups = await this.load(record, name, limit);
      for (const [group, records] of Object.entries(groups)) {
        if (!(group in result)) result[group] = records;
      }
      if (name !== ANY_RELATION && !(name in result)) result[name] = [];
    }
    return result;
  }

  private load(
    record: StoredRecord,
    name: string,
    limit: number | undefined,
  ): Promise<RelationMap> {
    if (!this.loader) return Promise.resolve({});
    const key = `${record.uuid}\u0000${name}\u0000${limit ?? ''}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.fetch(this.loader, record, name, limit);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async fetch(
    loader: WebhooksRelationLoader,
    record: StoredRecord,
    name: string,
    limit: number | undefined,
  ): Promise<RelationMap> {
    const related = await loader.load({
      companyUuid: this.companyUuid,
      record: { uuid: record.uuid, objectName: record.objectName },
      relationName: name,
      ...(limit !== undefined ? { limit } : {}),
    });
    const groups: RelationMap = {};
    related.forEach((entry, i) => {
      const group =
        name === ANY_RELATION ? String(entry.relationName).toLowerCase() : name;
      (groups[group] ??= []).push(
        serializeRecord(entry.record, `relations.${group}[${i}]`),
      );
    });
    return groups;
  }
}

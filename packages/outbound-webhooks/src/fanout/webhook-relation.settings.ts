import {
  evaluateFilter,
  filterRelationNames,
} from '../filters/filter.evaluator';
import { validateFilter } from '../filters/filter.validator';
import type { WebhookFilter } from '../filters/webhook-filter.interface';
import { ANY_RELATION } from './relation.resolver';
import type { RelationMap, RelationWanted } from './relation.resolver';

/** The parts of a stored webhook that decide matching and relations. */
export interface WebhookMatchSettings {
  filter: WebhookFilter | null;
  includeRelations: string[];
  relationFilters: Record<string, WebhookFilter | null>;
  relationLimit: number | null;
}

/**
 * Normalizes a stored webhook's filter and relation settings. Throws
 * `InvalidFilterError` when a stored filter is invalid (saved by an older
 * version, or written around the API).
 */
export function matchSettingsOf(webhook: {
  filter: unknown;
  includeRelations: string[] | null;
  relationFilters: Record<string, unknown> | null;
  relationLimit: number | null;
}): WebhookMatchSettings {
  const relationFilters: Record<string, WebhookFilter | null> = {};
  for (const [name, raw] of Object.entries(webhook.relationFilters ?? {})) {
    relationFilters[name.toLowerCase()] = validateFilter(
      raw,
      `relationFilters.${name}`,
    );
  }
  return {
    filter: validateFilter(webhook.filter),
    includeRelations: (webhook.includeRelations ?? []).map((name) =>
      String(name).toLowerCase(),
    ),
    relationFilters,
    relationLimit:
      webhook.relationLimit && webhook.relationLimit > 0
        ? webhook.relationLimit
        : null,
  };
}

/**
 * The relations to load for one webhook: those its filter tests (all of
 * them, uncapped) and those it includes (capped by `relationLimit` unless a
 * relation filter must see them all first).
 */
export function relationsWanted(
  settings: WebhookMatchSettings,
): RelationWanted[] {
  const uncapped = new Set(filterRelationNames(settings.filter));
  const wanted: RelationWanted[] = [...uncapped].map((name) => ({ name }));
  for (const name of settings.includeRelations) {
    if (uncapped.has(name)) continue;
    // `*` loads every relation at once: if any of them has a relation
    // filter, the cap must wait until that filter has run.
    const filtered =
      name === ANY_RELATION
        ? Object.keys(settings.relationFilters).length > 0
        : name in settings.relationFilters;
    const capped = settings.relationLimit !== null && !filtered;
    wanted.push(
      capped ? { name, limit: settings.relationLimit as number } : { name },
    );
  }
  return wanted;
}

/**
 * The related records a webhook's body includes: each listed relation
 * (every loaded one for `*`), filtered by its relation filter and cut at
 * `relationLimit`. Null when the webhook includes none.
 */
export function includedRelations(
  settings: WebhookMatchSettings,
  loaded: RelationMap,
): RelationMap | null {
  if (settings.includeRelations.length === 0) return null;
  const names = settings.includeRelations.includes(ANY_RELATION)
    ? Object.keys(loaded)
    : settings.includeRelations;
  const included: RelationMap = {};
  for (const name of names) {
    const filter = settings.relationFilters[name] ?? null;
    let records = (loaded[name] ?? []).filter((record) =>
      evaluateFilter(filter, { record }),
    );
    if (settings.relationLimit !== null) {
      records = records.slice(0, settings.relationLimit);
    }
    included[name] = records;
  }
  return included;
}

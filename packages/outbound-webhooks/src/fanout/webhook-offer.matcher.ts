import { evaluateFilter } from '../filters/filter.evaluator';
import type { FilterRecord } from '../filters/webhook-filter.interface';
import type {
  StoredEventPayload,
  StoredRecord,
} from '../publisher/stored-event.interface';
import type { TopicOffer } from '../topics/event-offers';
import type { RelationResolver } from './relation.resolver';
import { relationsWanted } from './webhook-relation.settings';
import type { WebhookMatchSettings } from './webhook-relation.settings';

/** The offer a webhook receives, with the relations loaded for it. */
export interface MatchedOffer {
  offer: TopicOffer;
  relations: Record<string, StoredRecord[]>;
}

/** Host events have no record: their object `data` is filtered instead. */
function filterRecordOf(
  event: StoredEventPayload,
  offer: TopicOffer,
): FilterRecord {
  if (offer.record) return offer.record;
  const data = event.data;
  return {
    properties:
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? (data as Record<string, unknown>)
        : {},
  };
}

/**
 * The first offer (end of a relation, from end first) whose record passes
 * the webhook's filter, with the relations loaded for that end; `undefined`
 * when none does. Only the event's own record has a `previous` state and
 * the relations passed at publish time.
 */
export async function firstMatchingOffer(
  offers: TopicOffer[],
  settings: WebhookMatchSettings,
  event: StoredEventPayload,
  resolver: RelationResolver,
): Promise<MatchedOffer | undefined> {
  const wanted = relationsWanted(settings);
  for (const offer of offers) {
    const ownRecord = offer.record === event.record;
    const relations =
      offer.record && wanted.length > 0
        ? await resolver.resolve(
            offer.record,
            wanted,
            ownRecord ? event.relations : undefined,
          )
        : {};
    const matches = evaluateFilter(settings.filter, {
      record: filterRecordOf(event, offer),
      previous: ownRecord ? (event.previous ?? null) : null,
      relations,
    });
    if (matches) return { offer, relations };
  }
  return undefined;
}

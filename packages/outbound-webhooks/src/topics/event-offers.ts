import type {
  StoredEventPayload,
  StoredRecord,
} from '../publisher/stored-event.interface';
import { topicMatches } from './topic.matcher';

/** A topic an event is offered under, with the record that topic is about. */
export interface TopicOffer {
  topic: string;
  record: StoredRecord | null;
}

/**
 * The topics an event is offered under. A relation event is offered to both
 * ends (`record.<fromObject>.relation_created.<name>` with the from record,
 * then `record.<toObject>...` with the to record); any other event only under
 * its own topic.
 */
export function topicOffers(event: StoredEventPayload): TopicOffer[] {
  const offers: TopicOffer[] = [{ topic: event.topic, record: event.record }];
  if (event.relation) {
    const segments = event.topic.split('.');
    segments[1] = event.relation.toRecord.objectName.toLowerCase();
    offers.push({ topic: segments.join('.'), record: event.relation.toRecord });
  }
  return offers;
}

/**
 * The first offer a subscription matches, or `undefined`. A relation between
 * two records that both match is delivered once, with the from record.
 */
export function matchOffer(
  subscription: string,
  offers: TopicOffer[],
): TopicOffer | undefined {
  return offers.find((offer) => topicMatches(subscription, offer.topic));
}

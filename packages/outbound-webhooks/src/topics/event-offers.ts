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
 * Every offer a subscription's topic matches, from end first. Fan-out tries
 * them in order and delivers the first one whose record passes the filter:
 * a filter true only for the to end still receives the event, once.
 */
export function matchingOffers(
  subscription: string,
  offers: TopicOffer[],
): TopicOffer[] {
  return offers.filter((offer) => topicMatches(subscription, offer.topic));
}

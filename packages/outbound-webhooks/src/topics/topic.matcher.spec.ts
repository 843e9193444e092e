import { matchingOffers, topicOffers } from './event-offers';
import { topicMatches } from './topic.matcher';
import type { StoredEventPayload } from '../publisher/stored-event.interface';

const firstOffer = (
  subscription: string,
  offers: ReturnType<typeof topicOffers>,
) => matchingOffers(subscription, offers)[0];

describe('topicMatches', () => {
  it('matches the exact topic', () => {
    expect(
      topicMatches('record.candidate.created', 'record.candidate.created'),
    ).toBe(true);
  });

  it.each([
    ['record.candidate.created', 'record.vacancy.created'],
    ['record.candidate.created', 'record.candidate.updated'],
    ['record.*.created', 'record.candidate.updated'],
    ['record.candidate.all', 'record.vacancy.created'],
    [
      'record.candidate.property_changed.email',
      'record.candidate.property_changed.phone',
    ],
    ['record.candidate.created', 'record.candidate.created.extra'],
    ['invoice.*', 'invoice.paid.late'],
    ['invoice.paid', 'invoice.sent'],
  ])('%s does not match %s', (subscription, topic) => {
    expect(topicMatches(subscription, topic)).toBe(false);
  });

  it.each([
    ['record.*.created', 'record.vacancy.created'],
    ['record.candidate.all', 'record.candidate.deleted'],
    ['record.candidate.all', 'record.candidate.property_changed.email'],
    ['record.*.all', 'record.contact.relation_created.owner'],
    [
      'record.candidate.property_changed',
      'record.candidate.property_changed.email',
    ],
    [
      'record.candidate.property_changed.*',
      'record.candidate.property_changed.email',
    ],
    ['record.candidate.formsubmission', 'record.candidate.formsubmission.f1'],
    ['record.candidate.formsubmission', 'record.candidate.formsubmission'],
    ['RECORD.Candidate.Created', 'record.candidate.created'],
    ['invoice.*', 'invoice.paid'],
    ['*.paid', 'invoice.paid'],
  ])('%s matches %s', (subscription, topic) => {
    expect(topicMatches(subscription, topic)).toBe(true);
  });
});

describe('topicOffers', () => {
  const record = (uuid: string, objectName: string) => ({
    uuid,
    objectName,
    properties: {},
    createdAt: null,
    updatedAt: null,
  });
  const relationEvent: StoredEventPayload = {
    type: 'RelationCreated',
    topic: 'record.candidate.relation_created.applied_to',
    companyUuid: 'c1',
    occurredAt: 0,
    correlationId: null,
    user: null,
    record: record('r1', 'candidate'),
    relation: {
      name: 'applied_to',
      fromRecord: record('r1', 'candidate'),
      toRecord: record('r2', 'vacancy'),
    },
  };

  it('offers a relation event to both ends, each with its own record', () => {
    const offers = topicOffers(relationEvent);
    expect(offers.map((offer) => [offer.topic, offer.record?.uuid])).toEqual([
      ['record.candidate.relation_created.applied_to', 'r1'],
      ['record.vacancy.relation_created.applied_to', 'r2'],
    ]);
    expect(
      firstOffer('record.vacancy.relation_created', offers)?.record?.uuid,
    ).toBe('r2');
  });

  it('lists both ends, from end first, when a subscription matches both', () => {
    const offers = topicOffers(relationEvent);
    expect(
      matchingOffers('record.*.relation_created', offers).map(
        (offer) => offer.record?.uuid,
      ),
    ).toEqual(['r1', 'r2']);
  });

  it('offers any other event under its own topic only', () => {
    const { relation: _relation, ...plain } = relationEvent;
    expect(
      topicOffers({ ...plain, topic: 'record.candidate.created' }),
    ).toHaveLength(1);
  });

  it('does not match the other end with a relation of another name', () => {
    expect(
      firstOffer(
        'record.vacancy.relation_created.owner',
        topicOffers(relationEvent),
      ),
    ).toBeUndefined();
  });
});

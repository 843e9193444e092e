import { deriveTopicLabel } from './topic-label';
import { topicForEventName } from './topic-names';

describe('deriveTopicLabel', () => {
  it.each([
    ['record.candidate.created', 'Candidate created'],
    ['record.candidate.property_changed.email', 'Candidate email changed'],
    ['record.*.relation_created', 'Any record relation created'],
    ['record.job_offer.all', 'Job offer all events'],
    [
      'record.candidate.formsubmission.apply',
      'Candidate form submitted (apply)',
    ],
    ['invoice.paid', 'Invoice paid'],
    ['record.*.*', 'Any record any event'],
  ])('%s -> %s', (topic, label) => {
    expect(deriveTopicLabel(topic)).toBe(label);
  });

  it('cuts a label longer than the column with an ellipsis', () => {
    const topic = `record.*.relation_updated.${'a'.repeat(229)}`;
    expect(topic).toHaveLength(255);
    const label = deriveTopicLabel(topic);
    expect(label).toHaveLength(255);
    expect(label).toMatch(/^Any record relation updated \(a+…$/);
  });
});

describe('topicForEventName', () => {
  it('maps the platform event names to topics', () => {
    expect(topicForEventName('RecordCreated')).toBe('record.<object>.created');
    expect(topicForEventName('PropertyValueChanged')).toBe(
      'record.<object>.property_changed.<property>',
    );
    expect(topicForEventName('RelationDeleted')).toBe(
      'record.<object>.relation_deleted[.<relation>]',
    );
    expect(topicForEventName('FormSubmissionEvent')).toBe(
      'record.<object>.formsubmission[.<form>]',
    );
  });

  it('returns undefined for an unknown name', () => {
    expect(topicForEventName('RecordExploded')).toBeUndefined();
  });
});

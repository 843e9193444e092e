import { InvalidTopicError } from '../errors/invalid-topic.error';
import { WebhookValidationError } from '../errors/webhook-validation.error';
import { validateTopic } from './topic.validator';

function errorOf(fn: () => unknown): InvalidTopicError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidTopicError) return error;
    throw error;
  }
  throw new Error('expected an InvalidTopicError');
}

describe('validateTopic', () => {
  it('returns a valid record topic normalized to lower case', () => {
    expect(validateTopic(' Record.Candidate.Created ')).toBe(
      'record.candidate.created',
    );
  });

  it.each([
    'record.*.created',
    'record.candidate.all',
    'record.candidate.property_changed.email',
    'record.candidate.property_changed',
    'record.candidate.formsubmission',
    'record.candidate.formsubmission.apply_form',
    'record.vacancy.relation_created',
    'record.vacancy.relation_deleted.applied_to',
    'record.candidate.*',
    'record.candidate.property_changed.*',
  ])('accepts %s', (topic) => {
    expect(validateTopic(topic)).toBe(topic);
  });

  it('suggests the closest action for a misspelt one', () => {
    const error = errorOf(() => validateTopic('record.candidate.craeted'));
    expect(error).toBeInstanceOf(WebhookValidationError);
    expect(error.field).toBe('topic');
    expect(error.type).toBe('INVALID_VALUE');
    expect(error.message).toContain('"craeted"');
    expect(error.correctionSuggestion).toContain('"created"');
    expect(error.correctionSuggestion).toContain('record.candidate.created');
  });

  it('lists the actions when nothing is close', () => {
    const error = errorOf(() => validateTopic('record.candidate.zzzzzzzzzz'));
    expect(error.correctionSuggestion).toMatch(/Use one of: created, updated/);
  });

  it('refuses a record topic without an action', () => {
    expect(errorOf(() => validateTopic('record.candidate')).message).toMatch(
      /no action/,
    );
  });

  it('refuses a name after an action that takes none', () => {
    const error = errorOf(() => validateTopic('record.candidate.created.x'));
    expect(error.message).toMatch(/takes no further segment/);
    expect(error.correctionSuggestion).toContain('"record.candidate.created"');
  });

  it('refuses `all` with a name', () => {
    expect(() => validateTopic('record.candidate.all.email')).toThrow(
      InvalidTopicError,
    );
  });

  it('refuses too many segments', () => {
    expect(() =>
      validateTopic('record.candidate.property_changed.a.b'),
    ).toThrow(/5 segments/);
  });

  it('refuses an empty segment', () => {
    expect(() => validateTopic('record..created')).toThrow(/empty segment/);
  });

  it.each([
    'record.1abc.created',
    'record.cand-idate.created',
    'record._x.created',
  ])('refuses the object name of %s', (topic) => {
    expect(errorOf(() => validateTopic(topic)).message).toMatch(
      /invalid object name/,
    );
  });

  it('accepts object names with digits and underscores after a letter', () => {
    expect(validateTopic('record.sales_order2.created')).toBe(
      'record.sales_order2.created',
    );
  });

  it('refuses characters outside the grammar', () => {
    expect(() => validateTopic('record.cand idate.created')).toThrow(
      /invalid segment "cand idate"/,
    );
  });

  it('refuses a non-string or empty topic', () => {
    expect(() => validateTopic(42)).toThrow(InvalidTopicError);
    expect(() => validateTopic('  ')).toThrow(/required/);
  });

  it('refuses a topic longer than 255 characters', () => {
    expect(() => validateTopic(`record.${'a'.repeat(250)}.created`)).toThrow(
      /at most 255/,
    );
  });

  describe('host topics', () => {
    const host = [{ topic: 'invoice.paid' }, 'invoice.sent'];

    it('accepts a registered topic exactly and with `*` segments', () => {
      expect(validateTopic('Invoice.Paid', host)).toBe('invoice.paid');
      expect(validateTopic('invoice.*', host)).toBe('invoice.*');
      expect(validateTopic('*.sent', host)).toBe('*.sent');
    });

    it('refuses an unregistered topic, suggesting a close one', () => {
      const error = errorOf(() => validateTopic('invoice.payd', host));
      expect(error.correctionSuggestion).toBe('Did you mean "invoice.paid"?');
    });

    it('refuses a pattern with the wrong number of segments', () => {
      expect(() => validateTopic('invoice.*.x', host)).toThrow(
        InvalidTopicError,
      );
    });

    it('refuses any non-record topic when none are registered', () => {
      expect(() => validateTopic('invoice.paid')).toThrow(
        /neither a record topic/,
      );
    });
  });

  it.each([
    ['RecordCreated', 'record.candidate.created'],
    ['record.candidate.RecordCreated', 'record.candidate.created'],
    ['PropertyValueChanged', 'record.candidate.property_changed.email'],
    ['RelationDeleted', 'record.candidate.relation_deleted'],
  ])('points an event name (%s) to its topic', (topic, example) => {
    expect(() => validateTopic(topic)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/is an event name of the platform/),
        correctionSuggestion: expect.stringContaining(`"${example}"`),
      }),
    );
  });
});

import { resolveWebhooksOptions } from '../options/resolve-webhooks-options';
import type { WebhooksModuleOptions } from '../options/webhooks-module-options.interface';
import { InvalidTopicError } from '../errors/invalid-topic.error';
import { WebhookTopicCatalogue } from './webhook-topic.catalogue';

function catalogue(options: WebhooksModuleOptions): WebhookTopicCatalogue {
  return new WebhookTopicCatalogue(resolveWebhooksOptions(options));
}

describe('WebhookTopicCatalogue', () => {
  const objectCatalogue = {
    hasObject: (name: string) => Promise.resolve(name === 'candidate'),
    hasProperty: (object: string, property: string) =>
      Promise.resolve(object === 'candidate' && property === 'email'),
  };

  it('accepts known objects and properties when the host has a catalogue', async () => {
    await expect(
      catalogue({ objectCatalogue }).validate(
        'record.candidate.property_changed.email',
      ),
    ).resolves.toBe('record.candidate.property_changed.email');
  });

  it('refuses an unknown object named by the topic', async () => {
    await expect(
      catalogue({ objectCatalogue }).validate('record.vacancy.created'),
    ).rejects.toThrow(/unknown object "vacancy"/);
  });

  it('refuses an unknown property named by the topic', async () => {
    await expect(
      catalogue({ objectCatalogue }).validate(
        'record.candidate.property_changed.phone',
      ),
    ).rejects.toBeInstanceOf(InvalidTopicError);
  });

  it('accepts any object name without a catalogue', async () => {
    await expect(
      catalogue({}).validate('record.vacancy.created'),
    ).resolves.toBe('record.vacancy.created');
  });

  it('lists record topics then the host topics with descriptions', () => {
    const topics = catalogue({
      topics: [{ topic: 'Invoice.Paid', description: 'An invoice was paid.' }],
    }).listTopics();
    expect(topics[0]).toMatchObject({
      topic: 'record.<object>.created',
      eventType: 'RecordCreated',
      source: 'record',
    });
    expect(topics.at(-1)).toEqual({
      topic: 'invoice.paid',
      eventType: 'CustomEvent',
      description: 'An invoice was paid.',
      source: 'host',
    });
  });
});

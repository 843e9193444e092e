import { InvalidFormatError } from '../errors/invalid-format.error';
import { InvalidOptionError } from '../errors/invalid-option.error';
import { resolveWebhooksOptions } from '../options/resolve-webhooks-options';
import type { WebhookFormatter } from './webhook-formatter.interface';
import { WebhookFormatRegistry } from './webhook-format.registry';

const custom: WebhookFormatter = {
  name: 'Slack',
  label: 'Slack',
  description: 'A Slack message',
  contentType: 'application/json',
  example: { text: 'hi' },
  render: (input) => ({ text: input.event.topic }),
};

function registry(formats: WebhookFormatter[] = []): WebhookFormatRegistry {
  return new WebhookFormatRegistry(resolveWebhooksOptions({ formats }));
}

describe('WebhookFormatRegistry', () => {
  it('lists the shipped formats then the host ones, LEGACY as default', () => {
    const described = registry([custom]).describe();
    expect(described.map((f) => f.name)).toEqual([
      'LEGACY',
      'USER_FRIENDLY',
      'RAW',
      'SLACK',
    ]);
    expect(described.filter((f) => f.default).map((f) => f.name)).toEqual([
      'LEGACY',
    ]);
    expect(described[3].example).toEqual({ text: 'hi' });
  });

  it('finds formats case-insensitively and normalizes names', () => {
    const formats = registry([custom]);
    expect(formats.has('user_friendly')).toBe(true);
    expect(formats.get('slack')).toBe(custom);
    expect(formats.normalize('raw')).toBe('RAW');
    expect(formats.normalize(undefined)).toBe('LEGACY');
  });

  it('rejects an unknown format with field webhookFormat and the known names', () => {
    expect(() => registry().normalize('XML')).toThrow(InvalidFormatError);
    try {
      registry().get('XML');
    } catch (error) {
      expect(error).toMatchObject({
        field: 'webhookFormat',
        type: 'INVALID_VALUE',
        correctionSuggestion: 'Use one of: LEGACY, USER_FRIENDLY, RAW.',
      });
    }
  });

  it('fails at boot when a host format reuses a name', () => {
    expect(() => registry([{ ...custom, name: 'legacy' }])).toThrow(
      InvalidOptionError,
    );
  });

  it('fails at boot when a host format has no render function', () => {
    expect(() =>
      registry([
        {
          ...custom,
          render: undefined as unknown as WebhookFormatter['render'],
        },
      ]),
    ).toThrow(/render function/);
  });
});

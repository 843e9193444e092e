import { Inject, Injectable } from '@nestjs/common';
import { InvalidTopicError } from '../errors/invalid-topic.error';
import type { WebhookEventType } from '../publisher/stored-event.interface';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import {
  RECORD_TOPIC_PREFIX,
  WILDCARD_SEGMENT,
} from './record-topic.constants';
import { PLATFORM_EVENT_TOPICS } from './topic-names';
import { validateTopic } from './topic.validator';

/** One entry of `GET /events`. */
export interface WebhookTopicDescription {
  /** A topic or topic pattern, e.g. `record.<object>.created` or `invoice.paid`. */
  topic: string;
  /** The platform's event name, `CustomEvent` for the host's topics, null for `all`. */
  eventType: WebhookEventType | null;
  description: string;
  /** `record` for the module's record topics, `host` for the application's own. */
  source: 'record' | 'host';
}

const RECORD_DESCRIPTIONS: Record<string, string> = {
  RecordCreated: 'A record was created.',
  RecordUpdated: 'A record was updated (at least one property changed).',
  RecordDeleted: 'A record was deleted; the payload holds its last state.',
  RecordArchived: 'A record was archived (soft-deleted).',
  RecordRestored: 'An archived record was restored.',
  PropertyValueChanged:
    'One property changed value; omit <property> for any property.',
  FormSubmissionEvent:
    'A form was submitted creating or updating a record; omit <form> for any form.',
  RelationCreated:
    'A relation of a record was created; offered to both ends; omit <relation> for any.',
  RelationUpdated: 'A relation of a record was updated; offered to both ends.',
  RelationDeleted: 'A relation of a record was deleted; offered to both ends.',
};

/**
 * The topics webhooks may subscribe to: the record topics of SPEC 3 and the
 * host's own (`options.topics`). Validates topics, and when the host gives
 * an `objectCatalogue`, checks the object and property names too.
 */
@Injectable()
export class WebhookTopicCatalogue {
  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
  ) {}

  /** The host's registered topics, normalized to lower case. */
  hostTopics(): string[] {
    return this.options.topics.map((entry) => entry.topic.toLowerCase());
  }

  /** Whether `topic` is exactly one of the host's registered topics. */
  isHostTopic(topic: string): boolean {
    return this.hostTopics().includes(topic.toLowerCase());
  }

  /** Every topic pattern with a description: record topics, then the host's. */
  listTopics(): WebhookTopicDescription[] {
    const record = PLATFORM_EVENT_TOPICS.map(
      ({ name, topic }): WebhookTopicDescription => ({
        topic,
        eventType: name,
        description: RECORD_DESCRIPTIONS[name] ?? '',
        source: 'record',
      }),
    );
    record.push({
      topic: 'record.<object>.all',
      eventType: null,
      description: 'Every event of that object. "*" stands for one segment.',
      source: 'record',
    });
    const host = this.options.topics.map((entry): WebhookTopicDescription => ({
      topic: entry.topic.toLowerCase(),
      eventType: 'CustomEvent',
      description: entry.description ?? '',
      source: 'host',
    }));
    return [...record, ...host];
  }

  /** The platform's event names and the topic pattern each maps to. */
  listEvents(): Array<{ name: WebhookEventType; topic: string }> {
    return PLATFORM_EVENT_TOPICS.map((entry) => ({ ...entry }));
  }

  /**
   * Validates a subscription topic and returns its normalized form. Throws
   * `InvalidTopicError`; with an object catalogue, unknown objects and
   * properties are refused too.
   */
  async validate(topic: unknown): Promise<string> {
    const normalized = validateTopic(topic, this.options.topics);
    const catalogue = this.options.objectCatalogue;
    const segments = normalized.split('.');
    if (!catalogue || segments[0] !== RECORD_TOPIC_PREFIX) return normalized;
    const [, object, action, name] = segments;
    if (object === WILDCARD_SEGMENT) return normalized;
    if (!(await catalogue.hasObject(object))) {
      throw new InvalidTopicError(
        `Topic "${normalized}" names the unknown object "${object}".`,
        'Use the lower-case name of an existing object, or "*" for any object.',
        'INVALID_VALUE',
      );
    }
    if (
      action === 'property_changed' &&
      name &&
      name !== WILDCARD_SEGMENT &&
      !(await catalogue.hasProperty(object, name))
    ) {
      throw new InvalidTopicError(
        `Topic "${normalized}" names the unknown property "${name}" of "${object}".`,
        `Use the lower-case name of a property of "${object}", or "*" for any property.`,
        'INVALID_VALUE',
      );
    }
    return normalized;
  }
}

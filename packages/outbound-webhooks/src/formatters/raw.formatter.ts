import type {
  FormatInput,
  WebhookFormatter,
} from './webhook-formatter.interface';
import { EXAMPLE_FORMAT_INPUT } from './format-example.input';

/**
 * `RAW`: the event exactly as stored at publish time. Related records are
 * added under `relations` only when the webhook includes relations.
 */
export class RawFormatter implements WebhookFormatter {
  readonly name = 'RAW';
  readonly label = 'Raw event';
  readonly description =
    'The event as stored by the publisher: type, topic, companyUuid, occurredAt (epoch ms), correlationId, user, record, previous and event details; "relations" when the webhook includes relations.';
  readonly contentType = 'application/json';
  readonly example: unknown = this.render(EXAMPLE_FORMAT_INPUT);

  render(input: FormatInput): unknown {
    const { relations: _passed, ...event } = input.event;
    return input.relations ? { ...event, relations: input.relations } : event;
  }
}

import type {
  StoredEventPayload,
  StoredRecord,
} from '../publisher/stored-event.interface';

/** Everything a formatter may use to render one delivery's body. */
export interface FormatInput {
  /** The delivery id (the `webhook-id` header). */
  deliveryId: string;
  event: StoredEventPayload;
  /** The end of the event that matched the webhook's topic. */
  record: StoredRecord | null;
  /** The topic of the webhook that matched. */
  webhookTopic: string;
  /** The topic this event is offered under for that webhook. */
  matchedTopic: string;
  webhook: { uuid: string; appUuid: string | null };
  /** Included related records by relation name, when the webhook asked. */
  relations: Record<string, StoredRecord[]> | null;
  company: { uuid: string; name: string | null };
}

/** A payload format: how an event becomes a request body. */
export interface WebhookFormatter {
  /** Upper-case name stored in `webhookFormat`, e.g. `LEGACY`. */
  name: string;
  label: string;
  description: string;
  /** Always `application/json` for the shipped formats. */
  contentType: string;
  /** An example body, served by `GET /formats`. */
  example: unknown;
  /** Returns a JSON-serializable value; the module serializes it once. */
  render(input: FormatInput): unknown;
}

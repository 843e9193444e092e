import { WebhooksError } from './webhooks.error';

/** A serialized event is larger than `options.maxPayloadBytes`. */
export class PayloadTooLargeError extends WebhooksError {
  constructor(
    readonly topic: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `Cannot publish "${topic}": the serialized event is ${bytes} bytes, above maxPayloadBytes (${maxBytes}). Publish fewer or smaller properties, or raise the module option maxPayloadBytes.`,
    );
  }
}

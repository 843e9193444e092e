import { Injectable } from '@nestjs/common';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { ApiErrorEntry } from '../errors/api-error-entry.interface';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { WebhookInputValidator } from '../services/webhook-input.validator';
import { WebhooksValidationPipe } from './webhooks-validation.pipe';

/** `filter.groups[0]` → `filter`: the body field an entry is about. */
function topField(field: string | undefined): string {
  return (field ?? '').split(/[.[]/)[0];
}

/**
 * The body of a webhook create or update. Its DTO rules run first; when
 * they fail, the content checks (topic, filters, format, URL rules) still
 * run on the fields whose shape was right, and every problem goes into one
 * 400, so a client fixes a request in one round trip.
 */
@Injectable()
export class WebhookBodyPipe implements PipeTransform {
  private readonly shape = new WebhooksValidationPipe();

  constructor(private readonly validator: WebhookInputValidator) {}

  /** @inheritdoc */
  async transform(
    value: unknown,
    metadata: ArgumentMetadata,
  ): Promise<unknown> {
    try {
      return await this.shape.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) throw error;
      if (typeof value !== 'object' || value === null) throw error;
      const reported = new Set(error.errors.map((e) => topField(e.field)));
      // A refusal of the whole body (nesting) leaves nothing to check.
      if (reported.has('body')) throw error;
      // Fields with a shape error are left out: their content is unknown.
      const wellShaped = Object.fromEntries(
        Object.entries(value).filter(([key]) => !reported.has(key)),
      );
      const content: ApiErrorEntry[] =
        await this.validator.contentErrors(wellShaped);
      throw new InvalidRequestError(
        [...error.errors, ...content],
        error.message,
      );
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InvalidFormatError } from '../errors/invalid-format.error';
import { InvalidOptionError } from '../errors/invalid-option.error';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import { LegacyFormatter } from './legacy.formatter';
import { RawFormatter } from './raw.formatter';
import { UserFriendlyFormatter } from './user-friendly.formatter';
import type { WebhookFormatter } from './webhook-formatter.interface';

/** The format a webhook gets when it names none. */
export const DEFAULT_WEBHOOK_FORMAT = 'LEGACY';

/** One entry of `GET /formats`. */
export interface WebhookFormatDescription {
  name: string;
  label: string;
  description: string;
  contentType: string;
  default: boolean;
  example: unknown;
}

/**
 * Every payload format: the shipped `LEGACY`, `USER_FRIENDLY` and `RAW`,
 * then the host's `options.formats`. Names are matched case-insensitively
 * and stored upper case; a host format reusing a name fails at boot.
 */
@Injectable()
export class WebhookFormatRegistry {
  private readonly formats = new Map<string, WebhookFormatter>();

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS) options: ResolvedWebhooksOptions,
  ) {
    const shipped = [
      new LegacyFormatter(),
      new UserFriendlyFormatter(),
      new RawFormatter(),
    ];
    for (const formatter of [...shipped, ...options.formats]) {
      this.register(formatter);
    }
  }

  private register(formatter: WebhookFormatter): void {
    if (
      typeof formatter?.name !== 'string' ||
      !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(formatter.name) ||
      typeof formatter.render !== 'function'
    ) {
      throw new InvalidOptionError(
        'formats',
        `each format needs a name (letters, digits, "_", at most 64) and a render function; got ${JSON.stringify(formatter?.name)}.`,
      );
    }
    const key = formatter.name.toUpperCase();
    if (this.formats.has(key)) {
      throw new InvalidOptionError(
        'formats',
        `the format name "${formatter.name}" is already registered; choose another name.`,
      );
    }
    this.formats.set(key, formatter);
  }

  /** Whether a format of that name (any case) exists. */
  has(name: string): boolean {
    return this.formats.has(name.toUpperCase());
  }

  /** The formatter of that name; throws `InvalidFormatError` when unknown. */
  get(name: string): WebhookFormatter {
    const formatter = this.formats.get(name.toUpperCase());
    if (!formatter) throw new InvalidFormatError(name, this.names());
    return formatter;
  }

  /**
   * The stored name of a requested format: upper case, `LEGACY` when none
   * is given. Throws `InvalidFormatError` (field `webhookFormat`) when unknown.
   */
  normalize(name: string | null | undefined): string {
    if (name === undefined || name === null || name === '') {
      return DEFAULT_WEBHOOK_FORMAT;
    }
    if (typeof name !== 'string') {
      throw new InvalidFormatError(String(name), this.names());
    }
    return this.get(name).name.toUpperCase();
  }

  /** Every registered formatter, shipped ones first. */
  list(): WebhookFormatter[] {
    return [...this.formats.values()];
  }

  /** Upper-case names of every format. */
  names(): string[] {
    return [...this.formats.keys()];
  }

  /** Every format as `GET /formats` shows it. */
  describe(): WebhookFormatDescription[] {
    return this.list().map((formatter) => ({
      name: formatter.name.toUpperCase(),
      label: formatter.label,
      description: formatter.description,
      contentType: formatter.contentType,
      default: formatter.name.toUpperCase() === DEFAULT_WEBHOOK_FORMAT,
      example: formatter.example,
    }));
  }
}

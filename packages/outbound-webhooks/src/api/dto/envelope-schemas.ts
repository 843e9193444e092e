import { ApiProperty } from '@nestjs/swagger';
import type { ApiPropertyOptions } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';

const cache = new Map<string, Type>();

function named(name: string, type: Type): Type {
  Object.defineProperty(type, 'name', { value: name });
  cache.set(name, type);
  return type;
}

/**
 * An OpenAPI schema class `{ message: 'Success', data }` for `data` of the
 * given shape; one class per name (documentation only).
 */
export function successEnvelopeOf(
  name: string,
  data: ApiPropertyOptions,
): Type {
  const cached = cache.get(name);
  if (cached) return cached;
  class SuccessEnvelope {
    message!: string;
    data!: unknown;
  }
  ApiProperty({ type: String, example: 'Success' })(
    SuccessEnvelope.prototype,
    'message',
  );
  ApiProperty(data)(SuccessEnvelope.prototype, 'data');
  return named(name, SuccessEnvelope);
}

/** An OpenAPI schema class of the paginated envelope (SPEC 8.1) of `item`. */
export function pageEnvelopeOf(name: string, item: Type): Type {
  const cached = cache.get(name);
  if (cached) return cached;
  class PageEnvelope {
    message!: string;
    data!: unknown[];
    total!: number;
    page!: number;
    perPage!: number;
    lastPage!: number;
  }
  const proto = PageEnvelope.prototype;
  ApiProperty({ type: String, example: 'Success' })(proto, 'message');
  ApiProperty({ type: [item] })(proto, 'data');
  ApiProperty({ type: Number, description: 'Rows matching, all pages.' })(
    proto,
    'total',
  );
  ApiProperty({ type: Number, description: 'One-based.' })(proto, 'page');
  ApiProperty({ type: Number })(proto, 'perPage');
  ApiProperty({ type: Number, description: 'max(1, ceil(total / perPage)).' })(
    proto,
    'lastPage',
  );
  return named(name, PageEnvelope);
}

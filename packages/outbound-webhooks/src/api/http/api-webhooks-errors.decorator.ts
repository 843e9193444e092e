import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '../dto/error-envelope.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: every bad field is listed with a correction suggestion.',
  401: 'No bearer token, or an unknown one.',
  403: "The selected company (X-Caraer-Company-Uuid) is not one of the caller's.",
  404: 'Not found in the selected company.',
  429: 'Too many test events of the selected company in flight; retry when one has finished.',
  500: 'Unexpected error; no internals are shown. Quote the requestId.',
};

/** Documents the error envelope for the given statuses (401, 403, 500 always). */
export function ApiWebhooksErrors(...statuses: number[]): MethodDecorator {
  const all = [...new Set([...statuses, 401, 403, 500])].sort();
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        type: ErrorEnvelopeDto,
      }),
    ),
  );
}

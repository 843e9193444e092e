import { Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { WebhookFormatRegistry } from '../../formatters/webhook-format.registry';
import type { WebhookFormatDescription } from '../../formatters/webhook-format.registry';
import type { WebhooksCompanyInfo } from '../../host/webhooks-company-info.interface';
import type { ResolvedWebhooksOptions } from '../../options/resolved-webhooks-options.interface';
import { WebhookTopicCatalogue } from '../../topics/webhook-topic.catalogue';
import type { WebhookTopicDescription } from '../../topics/webhook-topic.catalogue';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../../webhooks.constants';
import { successEnvelopeOf } from '../dto/envelope-schemas';
import { ResourceNotFoundError } from '../errors/resource-not-found.error';
import { success } from '../http/api-envelopes';
import type { SuccessEnvelope } from '../http/api-envelopes';
import { ApiWebhooksErrors } from '../http/api-webhooks-errors.decorator';
import { WebhooksApiController } from '../http/webhooks-controller.decorator';
import { WebhooksContext } from '../http/webhooks-context.decorator';
import type { WebhooksRequestContext } from '../http/webhooks-http-request.interface';

/**
 * The static routes: `/me`, `/formats`, `/events`. Registered before the
 * `/{uuid}` routes so they are never taken for a webhook uuid.
 */
@WebhooksApiController()
export class WebhooksCatalogueController {
  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly formats: WebhookFormatRegistry,
    private readonly topics: WebhookTopicCatalogue,
  ) {}

  @Get('me')
  @ApiOperation({
    summary: "The selected company's public information",
    description:
      'uuid, name, website, logo, colours, updatedAt (epoch ms), from the host.',
  })
  @ApiOkResponse({
    type: successEnvelopeOf('CompanyInfoEnvelope', {
      type: 'object',
      additionalProperties: true,
      example: {
        uuid: '9b1f0c52-8e0e-4c6b-9a59-3f1d3c7a2a10',
        name: 'Acme',
        website: 'https://acme.example',
        logo: null,
        primaryColor: '#1b4dff',
        secondaryColor: null,
        updatedAt: 1764700000000,
      },
    }),
  })
  @ApiWebhooksErrors(404)
  async me(
    @WebhooksContext() context: WebhooksRequestContext,
  ): Promise<SuccessEnvelope<WebhooksCompanyInfo>> {
    const provider = this.options.companyInfoProvider;
    const company = provider
      ? await provider.getCompany(context.companyUuid)
      : null;
    if (!company) {
      throw new ResourceNotFoundError('company', context.companyUuid);
    }
    return success(company);
  }

  @Get('formats')
  @ApiOperation({ summary: 'Every payload format, with an example body' })
  @ApiOkResponse({
    type: successEnvelopeOf('FormatListEnvelope', {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', example: 'LEGACY' },
          label: { type: 'string' },
          description: { type: 'string' },
          contentType: { type: 'string', example: 'application/json' },
          default: { type: 'boolean' },
          example: { type: 'object' },
        },
      },
    }),
  })
  @ApiWebhooksErrors()
  listFormats(): SuccessEnvelope<WebhookFormatDescription[]> {
    return success(this.formats.describe());
  }

  @Get('events')
  @ApiOperation({
    summary: 'The topic catalogue',
    description:
      "Every topic pattern webhooks may subscribe to (record topics of SPEC 3, then the host's own), with the platform event name.",
  })
  @ApiOkResponse({
    type: successEnvelopeOf('TopicListEnvelope', {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          topic: { type: 'string', example: 'record.<object>.created' },
          eventType: {
            type: 'string',
            nullable: true,
            example: 'RecordCreated',
          },
          description: { type: 'string' },
          source: { type: 'string', enum: ['record', 'host'] },
        },
      },
    }),
  })
  @ApiWebhooksErrors()
  listEvents(): SuccessEnvelope<WebhookTopicDescription[]> {
    return success(this.topics.listTopics());
  }
}

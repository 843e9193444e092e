import {
  Body,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import type { ResolvedWebhooksOptions } from '../../options/resolved-webhooks-options.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../../webhooks.constants';
import { CreateWebhookDto } from '../dto/create-webhook.dto';
import { pageEnvelopeOf, successEnvelopeOf } from '../dto/envelope-schemas';
import { PaginationRequestDto } from '../dto/pagination-request.dto';
import { UpdateWebhookDto } from '../dto/update-webhook.dto';
import { WebhookResponseDto } from '../dto/webhook-response.dto';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { ResourceNotFoundError } from '../errors/resource-not-found.error';
import { page, success } from '../http/api-envelopes';
import type { PageEnvelope, SuccessEnvelope } from '../http/api-envelopes';
import { ApiWebhooksErrors } from '../http/api-webhooks-errors.decorator';
import { WebhooksApiController } from '../http/webhooks-controller.decorator';
import { WebhooksContext } from '../http/webhooks-context.decorator';
import type { WebhooksRequestContext } from '../http/webhooks-http-request.interface';
import { WebhookBodyPipe } from '../http/webhook-body.pipe';
import { WebhooksValidationPipe } from '../http/webhooks-validation.pipe';
import {
  INVALID_PAGINATION_MESSAGE,
  parsePaginationRequest,
} from '../queries/pagination-request.parser';
import { WebhookManagementService } from '../services/webhook-management.service';

const WebhookEnvelope = successEnvelopeOf('WebhookEnvelope', {
  type: () => WebhookResponseDto,
});
const WebhookPage = pageEnvelopeOf('WebhookPageEnvelope', WebhookResponseDto);

const UUID_PARAM = { name: 'uuid', description: 'The webhook uuid.' };

/** The platform's webhook endpoints (SPEC 8.3) plus show and update. */
@WebhooksApiController()
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhookManagementService,
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
  ) {}

  @Post('index')
  @HttpCode(200)
  @ApiOperation({ summary: "One page of the selected company's webhooks" })
  @ApiBody({ type: PaginationRequestDto, required: false })
  @ApiOkResponse({ type: WebhookPage })
  @ApiWebhooksErrors(400)
  index(
    @WebhooksContext() context: WebhooksRequestContext,
    @Body(new WebhooksValidationPipe(INVALID_PAGINATION_MESSAGE))
    body: PaginationRequestDto,
  ): Promise<PageEnvelope<WebhookResponseDto>> {
    return this.listPage(context, body, null);
  }

  @Post('index/:topic')
  @HttpCode(200)
  @ApiOperation({
    summary: 'One page of the webhooks whose topic contains {topic}',
    description: 'Case-insensitive substring match on the topic.',
  })
  @ApiParam({ name: 'topic', example: 'candidate' })
  @ApiBody({ type: PaginationRequestDto, required: false })
  @ApiOkResponse({ type: WebhookPage })
  @ApiWebhooksErrors(400)
  indexByTopic(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('topic') topic: string,
    @Body(new WebhooksValidationPipe(INVALID_PAGINATION_MESSAGE))
    body: PaginationRequestDto,
  ): Promise<PageEnvelope<WebhookResponseDto>> {
    return this.listPage(context, body, topic);
  }

  @Post('apps/:appUuid')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create a webhook owned by an app',
    description:
      '404 if the app is unknown, 400 if the selected company has not installed it.',
  })
  @ApiParam({ name: 'appUuid' })
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(400, 404)
  async createForApp(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('appUuid') appUuid: string,
    @Body(WebhookBodyPipe) body: CreateWebhookDto,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const registry = this.options.appRegistry;
    const app = registry ? await registry.findApp(appUuid) : null;
    if (!registry || !app) {
      throw new ResourceNotFoundError('app', appUuid, 'appUuid');
    }
    if (!(await registry.isInstalled(app.uuid, context.companyUuid))) {
      throw InvalidRequestError.of(
        'appUuid',
        `The app "${app.name}" is not installed for the selected company.`,
        'Install the app for this company first, or create a webhook without an app with POST /.',
        'INVALID_VALUE',
      );
    }
    const created = await this.webhooks.create(
      context.companyUuid,
      body,
      app.uuid,
    );
    return success(WebhookResponseDto.fromEntity(created));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create a webhook for the selected company',
    description: 'Answers 200 (not 201), like every endpoint of the platform.',
  })
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(400)
  async create(
    @WebhooksContext() context: WebhooksRequestContext,
    @Body(WebhookBodyPipe) body: CreateWebhookDto,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const created = await this.webhooks.create(context.companyUuid, body);
    return success(WebhookResponseDto.fromEntity(created));
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'One webhook' })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(404)
  async show(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const found = await this.webhooks.get(context.companyUuid, uuid);
    return success(WebhookResponseDto.fromEntity(found));
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Update a webhook',
    description:
      'Fields left out keep their value; null clears an optional field. Setting enabled true also clears disabledReason and the failure clock.',
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(400, 404)
  async update(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Body(WebhookBodyPipe) body: UpdateWebhookDto,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const updated = await this.webhooks.update(context.companyUuid, uuid, body);
    return success(WebhookResponseDto.fromEntity(updated));
  }

  @Delete(':uuid')
  @ApiOperation({
    summary: 'Delete a webhook',
    description: 'Its pending deliveries become CANCELLED. data is the uuid.',
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({
    type: successEnvelopeOf('DeletedEnvelope', {
      type: String,
      format: 'uuid',
    }),
  })
  @ApiWebhooksErrors(404)
  async remove(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
  ): Promise<SuccessEnvelope<string>> {
    await this.webhooks.delete(context.companyUuid, uuid);
    return success(uuid);
  }

  private async listPage(
    context: WebhooksRequestContext,
    body: PaginationRequestDto | undefined,
    topic: string | null,
  ): Promise<PageEnvelope<WebhookResponseDto>> {
    const request = parsePaginationRequest(body, topic);
    const { rows, total } = await this.webhooks.list(
      context.companyUuid,
      request,
    );
    return page(
      rows.map((row) => WebhookResponseDto.fromEntity(row)),
      total,
      request.page,
      request.limit,
    );
  }
}

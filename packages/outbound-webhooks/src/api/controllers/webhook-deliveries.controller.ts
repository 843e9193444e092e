import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { WebhookDeliveryService } from '../../delivery/webhook-delivery.service';
import { DeliveryNotClaimableError } from '../../errors/delivery-not-claimable.error';
import { AttemptResponseDto } from '../dto/attempt-response.dto';
import { DeliveryListQueryDto } from '../dto/delivery-list-query.dto';
import { DeliveryResponseDto } from '../dto/delivery-response.dto';
import { pageEnvelopeOf, successEnvelopeOf } from '../dto/envelope-schemas';
import { PAGINATION_DEFAULT_LIMIT } from '../dto/pagination-request.dto';
import { RecoverDeliveriesDto } from '../dto/recover-deliveries.dto';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { page, success } from '../http/api-envelopes';
import type { PageEnvelope, SuccessEnvelope } from '../http/api-envelopes';
import { ApiWebhooksErrors } from '../http/api-webhooks-errors.decorator';
import { WebhooksApiController } from '../http/webhooks-controller.decorator';
import { WebhooksContext } from '../http/webhooks-context.decorator';
import type { WebhooksRequestContext } from '../http/webhooks-http-request.interface';
import { EmptyBodyPipe } from '../http/empty-body.pipe';
import { WebhooksValidationPipe } from '../http/webhooks-validation.pipe';
import { INVALID_PAGINATION_MESSAGE } from '../queries/pagination-request.parser';
import { assertWebhookActive } from '../services/webhook-active.check';
import { WebhookDeliveryQueryService } from '../services/webhook-delivery-query.service';
import { WebhookManagementService } from '../services/webhook-management.service';

const UUID_PARAM = { name: 'uuid', description: 'The webhook uuid.' };
const DELIVERY_PARAM = {
  name: 'deliveryUuid',
  description: 'The delivery id.',
};

/** Result of `POST /{uuid}/recover`. */
export interface RecoverResult {
  requeued: number;
}

/**
 * A webhook's deliveries and attempts (SPEC 8.5): list them, re-send one,
 * recover the failed ones of a time range.
 */
@WebhooksApiController()
export class WebhookDeliveriesController {
  constructor(
    private readonly webhooks: WebhookManagementService,
    private readonly deliveries: WebhookDeliveryQueryService,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  @Get(':uuid/deliveries')
  @ApiOperation({ summary: "A page of the webhook's deliveries, newest first" })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({
    type: pageEnvelopeOf('DeliveryPageEnvelope', DeliveryResponseDto),
  })
  @ApiWebhooksErrors(400, 404)
  async listDeliveries(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Query(new WebhooksValidationPipe(INVALID_PAGINATION_MESSAGE))
    query: DeliveryListQueryDto,
  ): Promise<PageEnvelope<DeliveryResponseDto>> {
    const webhook = await this.webhooks.get(context.companyUuid, uuid);
    const pageNumber = query.page ?? 1;
    const limit = query.limit ?? PAGINATION_DEFAULT_LIMIT;
    const { rows, total } = await this.deliveries.list(
      context.companyUuid,
      webhook.uuid,
      pageNumber,
      limit,
      query.status,
    );
    return page(
      rows.map((row) => DeliveryResponseDto.fromEntity(row)),
      total,
      pageNumber,
      limit,
    );
  }

  @Get(':uuid/deliveries/:deliveryUuid/attempts')
  @ApiOperation({ summary: 'Every attempt of one delivery, first to last' })
  @ApiParam(UUID_PARAM)
  @ApiParam(DELIVERY_PARAM)
  @ApiOkResponse({
    type: successEnvelopeOf('AttemptListEnvelope', {
      type: () => AttemptResponseDto,
      isArray: true,
    }),
  })
  @ApiWebhooksErrors(404)
  async listAttempts(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Param('deliveryUuid') deliveryUuid: string,
  ): Promise<SuccessEnvelope<AttemptResponseDto[]>> {
    const webhook = await this.webhooks.get(context.companyUuid, uuid);
    const delivery = await this.deliveries.get(
      context.companyUuid,
      webhook.uuid,
      deliveryUuid,
    );
    const attempts = await this.deliveries.attempts(
      context.companyUuid,
      delivery.uuid,
    );
    return success(attempts.map((a) => AttemptResponseDto.fromEntity(a)));
  }

  @Post(':uuid/deliveries/:deliveryUuid/resend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send one finished delivery again',
    description:
      'Puts a FAILED, CANCELLED or SUCCEEDED delivery back in the queue, due now, with the same webhook-id and body; the dispatcher sends it on its next poll. A PENDING delivery is a 400.',
  })
  @ApiParam(UUID_PARAM)
  @ApiParam(DELIVERY_PARAM)
  @ApiOkResponse({
    type: successEnvelopeOf('DeliveryEnvelope', {
      type: () => DeliveryResponseDto,
    }),
  })
  @ApiWebhooksErrors(400, 404)
  async resend(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Param('deliveryUuid') deliveryUuid: string,
    @Body(EmptyBodyPipe) _body: undefined,
  ): Promise<SuccessEnvelope<DeliveryResponseDto>> {
    const webhook = await this.webhooks.get(context.companyUuid, uuid);
    assertWebhookActive(webhook, 'resent deliveries');
    const found = await this.deliveries.get(
      context.companyUuid,
      webhook.uuid,
      deliveryUuid,
    );
    try {
      await this.delivery.requeue(found.uuid);
    } catch (error) {
      if (!(error instanceof DeliveryNotClaimableError)) throw error;
      throw InvalidRequestError.of(
        'deliveryUuid',
        'The delivery is still pending: it is queued or being sent.',
        'Wait until it has SUCCEEDED, FAILED or been CANCELLED, then resend it.',
        'INVALID_VALUE',
      );
    }
    const requeued = await this.deliveries.get(
      context.companyUuid,
      webhook.uuid,
      found.uuid,
    );
    return success(DeliveryResponseDto.fromEntity(requeued));
  }

  @Post(':uuid/recover')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-queue the FAILED deliveries created in a time range',
    description:
      'since/until are epoch ms, inclusive. data.requeued counts them.',
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({
    type: successEnvelopeOf('RecoverEnvelope', {
      type: 'object',
      properties: { requeued: { type: 'integer' } },
    }),
  })
  @ApiWebhooksErrors(400, 404)
  async recover(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Body(new WebhooksValidationPipe()) body: RecoverDeliveriesDto,
  ): Promise<SuccessEnvelope<RecoverResult>> {
    if (body.until < body.since) {
      throw InvalidRequestError.of(
        'until',
        'until is before since.',
        'Send until >= since (both epoch milliseconds).',
      );
    }
    const webhook = await this.webhooks.get(context.companyUuid, uuid);
    assertWebhookActive(webhook, 'recovered deliveries');
    const requeued = await this.deliveries.recover(
      context.companyUuid,
      webhook.uuid,
      body.since,
      body.until,
    );
    return success({ requeued });
  }
}

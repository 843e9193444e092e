import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { successEnvelopeOf } from '../dto/envelope-schemas';
import { RotateSecretDto } from '../dto/rotate-secret.dto';
import { TestEventResultDto } from '../dto/test-event-result.dto';
import { WebhookResponseDto } from '../dto/webhook-response.dto';
import { success } from '../http/api-envelopes';
import type { SuccessEnvelope } from '../http/api-envelopes';
import { ApiWebhooksErrors } from '../http/api-webhooks-errors.decorator';
import { WebhooksApiController } from '../http/webhooks-controller.decorator';
import { WebhooksContext } from '../http/webhooks-context.decorator';
import type { WebhooksRequestContext } from '../http/webhooks-http-request.interface';
import { EmptyBodyPipe } from '../http/empty-body.pipe';
import { WebhooksValidationPipe } from '../http/webhooks-validation.pipe';
import { WebhookManagementService } from '../services/webhook-management.service';
import { WebhookTestEventService } from '../services/webhook-test-event.service';

const WebhookEnvelope = successEnvelopeOf('WebhookEnvelope', {
  type: () => WebhookResponseDto,
});
const UUID_PARAM = { name: 'uuid', description: 'The webhook uuid.' };

/**
 * Operations on one webhook beyond the platform's list (SPEC 8.5): test
 * events, secret rotation, enable and disable.
 */
@WebhooksApiController()
export class WebhookOperationsController {
  constructor(
    private readonly webhooks: WebhookManagementService,
    private readonly testEvents: WebhookTestEventService,
  ) {}

  @Post(':uuid/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a test event now',
    description:
      "Renders a synthetic event of the webhook's topic in its format, signs and sends it once (never retried), and returns the attempt. The delivery and attempt are kept and listed like any other. The URL rules apply (400).",
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({
    type: successEnvelopeOf('TestEventEnvelope', {
      type: () => TestEventResultDto,
    }),
  })
  @ApiWebhooksErrors(400, 404, 429)
  async sendTest(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Body(EmptyBodyPipe) _body: undefined,
  ): Promise<SuccessEnvelope<TestEventResultDto>> {
    const webhook = await this.webhooks.get(context.companyUuid, uuid);
    return success(await this.testEvents.send(webhook));
  }

  @Post(':uuid/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the secret, keeping the old one signing for a while',
    description:
      'During the overlap every request carries two signatures (old and new secret). The secret is never returned.',
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(400, 404)
  async rotateSecret(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Body(new WebhooksValidationPipe()) body: RotateSecretDto,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const updated = await this.webhooks.rotateSecret(
      context.companyUuid,
      uuid,
      body.secret,
      body.overlapMs,
    );
    return success(WebhookResponseDto.fromEntity(updated));
  }

  @Post(':uuid/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable the webhook',
    description:
      'Sets status ACTIVE and clears disabledReason and the failure clock.',
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(404)
  async enable(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Body(EmptyBodyPipe) _body: undefined,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const updated = await this.webhooks.setEnabled(
      context.companyUuid,
      uuid,
      true,
    );
    return success(WebhookResponseDto.fromEntity(updated));
  }

  @Post(':uuid/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable the webhook',
    description: 'It receives nothing more until enabled again.',
  })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({ type: WebhookEnvelope })
  @ApiWebhooksErrors(404)
  async disable(
    @WebhooksContext() context: WebhooksRequestContext,
    @Param('uuid') uuid: string,
    @Body(EmptyBodyPipe) _body: undefined,
  ): Promise<SuccessEnvelope<WebhookResponseDto>> {
    const updated = await this.webhooks.setEnabled(
      context.companyUuid,
      uuid,
      false,
    );
    return success(WebhookResponseDto.fromEntity(updated));
  }
}

import { PartialType } from '@nestjs/swagger';
import { CreateWebhookDto } from './create-webhook.dto';

/**
 * Body of `PUT /{uuid}`: the fields of `CreateWebhookDto`, all optional.
 * A field left out keeps its value; `null` clears an optional field.
 */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

import {
  Controller,
  Delete,
  HttpCode,
  Param,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentAuth } from '../auth/current-auth.decorator';
import type { RequestAuth } from '../auth/request-auth.interface';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { success } from '../common/success-envelope';
import type { SuccessEnvelope } from '../common/success-envelope';
import { assertName } from './record-input';
import type { RecordView } from './record-view';
import { RelationsService } from './relations.service';

const RELATION_PATH = ':fromUuid/:relationName/:toUuid';

/** Links between records; `data` is the `from` record. */
@Controller('api/v2/records/relations')
@UseGuards(BearerAuthGuard)
@UseFilters(ApiExceptionFilter)
export class RelationsController {
  constructor(private readonly relations: RelationsService) {}

  @Post(RELATION_PATH)
  @HttpCode(200)
  async link(
    @CurrentAuth() auth: RequestAuth,
    @Param('fromUuid') fromUuid: string,
    @Param('relationName') relationName: string,
    @Param('toUuid') toUuid: string,
  ): Promise<SuccessEnvelope<RecordView>> {
    assertName(relationName, 'relationName', 'relation');
    return success(
      await this.relations.link(auth, { fromUuid, relationName, toUuid }),
    );
  }

  @Delete(RELATION_PATH)
  async unlink(
    @CurrentAuth() auth: RequestAuth,
    @Param('fromUuid') fromUuid: string,
    @Param('relationName') relationName: string,
    @Param('toUuid') toUuid: string,
  ): Promise<SuccessEnvelope<RecordView>> {
    assertName(relationName, 'relationName', 'relation');
    return success(
      await this.relations.unlink(auth, { fromUuid, relationName, toUuid }),
    );
  }
}

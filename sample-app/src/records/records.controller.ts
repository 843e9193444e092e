import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentAuth } from '../auth/current-auth.decorator';
import type { RequestAuth } from '../auth/request-auth.interface';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { success } from '../common/success-envelope';
import type { SuccessEnvelope } from '../common/success-envelope';
import { assertName, readProperties, readRemoveMode } from './record-input';
import type { RecordView } from './record-view';
import { RecordsService } from './records.service';

type RecordResponse = Promise<SuccessEnvelope<RecordView>>;

/** The platform's records API: every write publishes its webhook event. */
@Controller('api/v2/records')
@UseGuards(BearerAuthGuard)
@UseFilters(ApiExceptionFilter)
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Post(':objectName')
  @HttpCode(200)
  async create(
    @CurrentAuth() auth: RequestAuth,
    @Param('objectName') objectName: string,
    @Body() body: unknown,
  ): RecordResponse {
    assertName(objectName, 'objectName', 'object');
    return success(
      await this.records.create(auth, objectName, readProperties(body)),
    );
  }

  @Put(':objectName/:uuid')
  async update(
    @CurrentAuth() auth: RequestAuth,
    @Param('objectName') objectName: string,
    @Param('uuid') uuid: string,
    @Body() body: unknown,
  ): RecordResponse {
    assertName(objectName, 'objectName', 'object');
    const properties = readProperties(body);
    return success(
      await this.records.update(auth, objectName, uuid, properties),
    );
  }

  @Delete(':uuid')
  async remove(
    @CurrentAuth() auth: RequestAuth,
    @Param('uuid') uuid: string,
    @Query('mode') mode: unknown,
  ): RecordResponse {
    return success(await this.records.remove(auth, uuid, readRemoveMode(mode)));
  }

  @Post(':uuid/restore')
  @HttpCode(200)
  async restore(
    @CurrentAuth() auth: RequestAuth,
    @Param('uuid') uuid: string,
  ): RecordResponse {
    return success(await this.records.restore(auth, uuid));
  }

  @Get(':uuid')
  async get(
    @CurrentAuth() auth: RequestAuth,
    @Param('uuid') uuid: string,
  ): RecordResponse {
    return success(await this.records.get(auth, uuid));
  }
}

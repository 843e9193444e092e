import {
  Body,
  Controller,
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
import {
  assertName,
  readObjectName,
  readProperties,
} from '../records/record-input';
import type { RecordView } from '../records/record-view';
import { FormSubmissionsService } from './form-submissions.service';

/** Form submissions: each creates a record of the given object. */
@Controller('api/v2/forms')
@UseGuards(BearerAuthGuard)
@UseFilters(ApiExceptionFilter)
export class FormsController {
  constructor(private readonly submissions: FormSubmissionsService) {}

  @Post(':formName/submissions')
  @HttpCode(200)
  async submit(
    @CurrentAuth() auth: RequestAuth,
    @Param('formName') formName: string,
    @Body() body: unknown,
  ): Promise<SuccessEnvelope<RecordView>> {
    assertName(formName, 'formName', 'form');
    const objectName = readObjectName(body);
    const properties = readProperties(body);
    return success(
      await this.submissions.submit(auth, { formName, objectName, properties }),
    );
  }
}

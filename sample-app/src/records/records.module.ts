import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FormSubmissionsService } from '../forms/form-submissions.service';
import { FormsController } from '../forms/forms.controller';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';
import { RelationsController } from './relations.controller';
import { RelationsService } from './relations.service';

/**
 * Records, relations and form submissions. The webhook publisher comes from
 * the (global) `WebhooksModule`.
 */
@Module({
  imports: [AuthModule],
  controllers: [RelationsController, RecordsController, FormsController],
  providers: [RecordsService, RelationsService, FormSubmissionsService],
  exports: [RecordsService, RelationsService, FormSubmissionsService],
})
export class RecordsModule {}

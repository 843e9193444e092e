import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookPublisher } from 'nestjs-outbound-webhooks';
import type { PropertyValue } from 'nestjs-outbound-webhooks';
import type { RequestAuth } from '../auth/request-auth.interface';
import { newRecord } from '../records/new-record';
import { toRecordView } from '../records/record-view';
import type { RecordView } from '../records/record-view';
import { publishContext } from '../records/publish-context';

/** What a form submission carries. */
export interface FormSubmission {
  formName: string;
  objectName: string;
  properties: Record<string, PropertyValue>;
}

/**
 * A submitted form creates a record and publishes `formsubmission` (and
 * `formsubmission.<form>`) in the same transaction.
 */
@Injectable()
export class FormSubmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: WebhookPublisher,
  ) {}

  submit(auth: RequestAuth, submission: FormSubmission): Promise<RecordView> {
    return this.dataSource.transaction(async (manager) => {
      const record = newRecord(
        auth.companyUuid,
        submission.objectName,
        submission.properties,
      );
      await manager.save(record);
      const view = toRecordView(record);
      await this.publisher.formSubmitted({
        ...publishContext(auth, manager),
        formName: submission.formName,
        record: view,
      });
      return view;
    });
  }
}

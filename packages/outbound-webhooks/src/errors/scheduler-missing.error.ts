import { WebhooksError } from './webhooks.error';

/** The dispatcher is on but the host did not set up `@nestjs/schedule`. */
export class SchedulerMissingError extends WebhooksError {
  constructor() {
    super(
      'The webhook dispatcher needs @nestjs/schedule: import ScheduleModule.forRoot() once in your application module, or set dispatcherEnabled: false.',
    );
  }
}

import { Table, TableIndex } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  booleanColumn,
  epochMsColumn,
  intColumn,
  textColumn,
  uuidColumn,
  varcharColumn,
} from './table-columns';

/** Creates the four tables of the module and every index they need. */
export class CreateWebhookTables1764700000000 implements MigrationInterface {
  name = 'CreateWebhookTables1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const db = queryRunner.connection.options.type;
    await queryRunner.createTable(
      new Table({
        name: 'webhook_webhooks',
        columns: [
          { ...uuidColumn('uuid'), isPrimary: true },
          uuidColumn('company_uuid'),
          { ...uuidColumn('app_uuid'), isNullable: true },
          varcharColumn('url', 2048),
          textColumn('secret', db),
          textColumn('previous_secret', db, true),
          epochMsColumn('previous_secret_expires_at', true),
          varcharColumn('topic', 255),
          varcharColumn('name', 255, true),
          varcharColumn('label', 255, true),
          textColumn('description', db, true),
          varcharColumn('webhook_format', 64),
          textColumn('filter', db, true),
          textColumn('include_relations', db, true),
          textColumn('relation_filters', db, true),
          intColumn('relation_limit', true),
          booleanColumn('retry_enabled', db, true),
          intColumn('max_retries', true),
          intColumn('retry_backoff_ms', true),
          booleanColumn('enabled', db, true),
          { ...varcharColumn('status', 16), default: "'ACTIVE'" },
          varcharColumn('disabled_reason', 512, true),
          varcharColumn('delivery_mode', 16),
          epochMsColumn('failing_since', true),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_webhook_webhooks_company_created',
            columnNames: ['company_uuid', 'created_at', 'uuid'],
          }),
          new TableIndex({
            name: 'idx_webhook_webhooks_company_enabled',
            columnNames: ['company_uuid', 'enabled'],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_events',
        columns: [
          { ...uuidColumn('uuid'), isPrimary: true },
          uuidColumn('company_uuid'),
          varcharColumn('topic', 255),
          varcharColumn('event_type', 64),
          varcharColumn('object_name', 128, true),
          varcharColumn('record_uuid', 64, true),
          textColumn('payload', db, false, true),
          varcharColumn('idempotency_key', 255, true),
          varcharColumn('correlation_id', 255, true),
          epochMsColumn('occurred_at'),
          booleanColumn('fanned_out', db, false),
          epochMsColumn('fanout_lease_until', true),
          epochMsColumn('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_webhook_events_fanout',
            columnNames: ['fanned_out', 'created_at'],
          }),
          new TableIndex({
            name: 'uq_webhook_events_idempotency',
            columnNames: ['company_uuid', 'idempotency_key'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { ...uuidColumn('uuid', 64), isPrimary: true },
          uuidColumn('company_uuid'),
          uuidColumn('webhook_uuid'),
          uuidColumn('event_uuid'),
          varcharColumn('topic', 255),
          varcharColumn('status', 16),
          textColumn('body', db, false, true),
          intColumn('attempt_count', false, 0),
          epochMsColumn('next_attempt_at'),
          varcharColumn('lease_owner', 64, true),
          epochMsColumn('lease_expires_at', true),
          intColumn('last_status_code', true),
          varcharColumn('last_error', 1024, true),
          epochMsColumn('delivered_at', true),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_webhook_deliveries_due',
            columnNames: ['status', 'next_attempt_at'],
          }),
          new TableIndex({
            name: 'idx_webhook_deliveries_webhook',
            columnNames: ['webhook_uuid', 'created_at'],
          }),
          new TableIndex({
            name: 'idx_webhook_deliveries_company',
            columnNames: ['company_uuid', 'created_at'],
          }),
          new TableIndex({
            name: 'uq_webhook_deliveries_event_webhook',
            columnNames: ['event_uuid', 'webhook_uuid'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_attempts',
        columns: [
          { ...uuidColumn('uuid'), isPrimary: true },
          uuidColumn('delivery_uuid', 64),
          uuidColumn('webhook_uuid'),
          uuidColumn('company_uuid'),
          intColumn('attempt_number'),
          epochMsColumn('requested_at'),
          intColumn('duration_ms'),
          booleanColumn('succeeded', db, false),
          intColumn('status_code', true),
          varcharColumn('error_kind', 32, true),
          varcharColumn('error_message', 1024, true),
          textColumn('response_body', db, true, true),
        ],
        indices: [
          new TableIndex({
            name: 'idx_webhook_attempts_delivery',
            columnNames: ['delivery_uuid', 'attempt_number'],
          }),
          new TableIndex({
            name: 'idx_webhook_attempts_webhook',
            columnNames: ['webhook_uuid', 'requested_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_attempts');
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_events');
    await queryRunner.dropTable('webhook_webhooks');
  }
}

import { Table, TableIndex } from 'typeorm';
import type {
  MigrationInterface,
  QueryRunner,
  TableColumnOptions,
} from 'typeorm';

function varchar(
  name: string,
  length: number,
  nullable = false,
): TableColumnOptions {
  return {
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  };
}

function epochMs(name: string, nullable = false): TableColumnOptions {
  return { name, type: 'bigint', isNullable: nullable };
}

/**
 * The sample platform's own tables. Written with TypeORM's schema builder,
 * so the same migration runs on SQLite, PostgreSQL and MySQL/MariaDB.
 */
export class CreateSampleTables1764600000000 implements MigrationInterface {
  name = 'CreateSampleTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const type = queryRunner.connection.options.type;
    // MySQL's TEXT stops at 64 KiB; record properties may be larger.
    const jsonType =
      type === 'mysql' || type === 'mariadb' ? 'longtext' : 'text';
    const uuid = (name: string) => varchar(name, 36);

    await queryRunner.createTable(
      new Table({
        name: 'sample_companies',
        columns: [
          { ...uuid('uuid'), isPrimary: true },
          varchar('name', 255),
          varchar('website', 255, true),
          varchar('logo', 512, true),
          varchar('primary_color', 16, true),
          varchar('secondary_color', 16, true),
          epochMs('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sample_users',
        columns: [
          { ...uuid('uuid'), isPrimary: true },
          varchar('email', 255),
          varchar('firstname', 255, true),
          varchar('lastname', 255, true),
          varchar('token_hash', 64),
          uuid('default_company_uuid'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_sample_users_token_hash',
            columnNames: ['token_hash'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sample_memberships',
        columns: [
          { ...uuid('user_uuid'), isPrimary: true },
          { ...uuid('company_uuid'), isPrimary: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sample_apps',
        columns: [{ ...uuid('uuid'), isPrimary: true }, varchar('name', 255)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sample_app_installations',
        columns: [
          { ...uuid('app_uuid'), isPrimary: true },
          { ...uuid('company_uuid'), isPrimary: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sample_records',
        columns: [
          { ...uuid('uuid'), isPrimary: true },
          uuid('company_uuid'),
          varchar('object_name', 64),
          { name: 'properties', type: jsonType },
          epochMs('archived_at', true),
          epochMs('created_at'),
          epochMs('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_sample_records_company_object',
            columnNames: ['company_uuid', 'object_name'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sample_relations',
        columns: [
          { ...uuid('from_uuid'), isPrimary: true },
          { ...varchar('relation_name', 64), isPrimary: true },
          { ...uuid('to_uuid'), isPrimary: true },
          uuid('company_uuid'),
          epochMs('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_sample_relations_to',
            columnNames: ['to_uuid', 'relation_name'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'sample_relations',
      'sample_records',
      'sample_app_installations',
      'sample_apps',
      'sample_memberships',
      'sample_users',
      'sample_companies',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}

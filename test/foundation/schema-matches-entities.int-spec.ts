import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { WEBHOOK_ENTITIES, WEBHOOK_MIGRATIONS } from 'nestjs-outbound-webhooks';
import {
  SAMPLE_ENTITIES,
  SAMPLE_MIGRATIONS,
} from '../../sample-app/src/database/sample-database';
import { describeEachDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

/**
 * TypeORM's `mysql` driver misreads MariaDB's column defaults (it reports
 * every nullable column as changed); a MariaDB host names its driver
 * `mariadb`, as the README says, and so does this check.
 */
function hostOptions(db: TestDatabase): DataSourceOptions {
  const options = db.options();
  return options.type === 'mysql' ? { ...options, type: 'mariadb' } : options;
}

/**
 * Runs the migrations on an empty database, then asks TypeORM what it would
 * change to make that schema match the entities: exactly what a host gets
 * from `migration:generate`.
 */
async function driftAfterMigrations(
  db: TestDatabase,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): Promise<string[]> {
  const dataSource = new DataSource({
    ...hostOptions(db),
    entities,
    migrations,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * On MySQL/MariaDB the migrations make large-text columns LONGTEXT (TEXT
 * stops at 64 KiB), a type the entities cannot name without breaking the
 * other databases: TypeORM proposes to turn them back into TEXT. The README
 * tells MySQL hosts to drop these statements from a generated migration.
 */
function longtextToText(table: string, column: string, nullable: boolean) {
  return [
    `ALTER TABLE \`${table}\` DROP COLUMN \`${column}\``,
    `ALTER TABLE \`${table}\` ADD \`${column}\` text ${nullable ? 'NULL' : 'NOT NULL'}`,
  ];
}

const MODULE_MYSQL_LONGTEXT = [
  ...longtextToText('webhook_attempts', 'response_body', true),
  ...longtextToText('webhook_deliveries', 'body', false),
  ...longtextToText('webhook_events', 'payload', false),
];

describeEachDatabase('schema matches entities', (db) => {
  const isMysql = db.kind === 'mariadb';

  it('the module migrations leave nothing for the entities to change (MySQL: only the LONGTEXT columns)', async () => {
    const drift = await driftAfterMigrations(
      db,
      [...WEBHOOK_ENTITIES],
      [...WEBHOOK_MIGRATIONS],
    );
    expect(drift).toEqual(isMysql ? MODULE_MYSQL_LONGTEXT : []);
  });

  it('the sample app migrations leave nothing for its entities to change (MySQL: only the LONGTEXT columns)', async () => {
    const drift = await driftAfterMigrations(
      db,
      [...SAMPLE_ENTITIES, ...WEBHOOK_ENTITIES],
      [...WEBHOOK_MIGRATIONS, ...SAMPLE_MIGRATIONS],
    );
    expect(drift).toEqual(
      isMysql
        ? [
            ...MODULE_MYSQL_LONGTEXT,
            ...longtextToText('sample_records', 'properties', false),
          ]
        : [],
    );
  });
});

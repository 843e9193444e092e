import { CreateWebhookTables1764700000000 } from './1764700000000-create-webhook-tables';

export { CreateWebhookTables1764700000000 };

/**
 * The module's migrations, in order. They are written with TypeORM's schema
 * builder, so one list serves SQLite, PostgreSQL and MySQL/MariaDB: add it to
 * the host DataSource's `migrations`.
 */
export const WEBHOOK_MIGRATIONS = [CreateWebhookTables1764700000000];

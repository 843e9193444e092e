import type { SampleConfig } from './sample-config.interface';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_HOST,
  DEFAULT_PORT,
} from './sample-config.constants';
import { parseDatabaseUrl } from './parse-database-url';

function parseInteger(
  name: string,
  raw: string | undefined,
): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(
      `${name}="${raw}" is not a whole number; unset it or use e.g. ${name}=1000.`,
    );
  }
  return value;
}

/**
 * Reads `PORT`, `HOST`, `DATABASE_URL`, `WEBHOOKS_ALLOWED_NETWORKS` and
 * `WEBHOOKS_POLL_INTERVAL_MS`.
 */
export function loadSampleConfig(env: NodeJS.ProcessEnv): SampleConfig {
  return {
    port: parseInteger('PORT', env.PORT) ?? DEFAULT_PORT,
    host: env.HOST?.trim() || DEFAULT_HOST,
    database: parseDatabaseUrl(
      env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    ),
    allowedNetworks: (env.WEBHOOKS_ALLOWED_NETWORKS ?? '')
      .split(',')
      .map((cidr) => cidr.trim())
      .filter((cidr) => cidr.length > 0),
    pollIntervalMs: parseInteger(
      'WEBHOOKS_POLL_INTERVAL_MS',
      env.WEBHOOKS_POLL_INTERVAL_MS,
    ),
  };
}

import type { DataSourceOptions } from 'typeorm';

/** Everything the sample app reads from its environment, already parsed. */
export interface SampleConfig {
  /** HTTP port; `0` picks a free one. Default 3000. */
  port: number;
  /**
   * Address to listen on. Default `127.0.0.1`: the sample's demo tokens are
   * public, so it is not reachable from other machines unless `HOST` says so.
   */
  host: string;
  /** Where TypeORM connects (entities and migrations are added later). */
  database: DataSourceOptions;
  /** CIDRs the SSRF guard re-allows, from `WEBHOOKS_ALLOWED_NETWORKS`. */
  allowedNetworks: string[];
  /** Dispatcher poll interval in ms, from `WEBHOOKS_POLL_INTERVAL_MS`. */
  pollIntervalMs?: number;
}

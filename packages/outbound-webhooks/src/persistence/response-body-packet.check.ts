import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidOptionError } from '../errors/invalid-option.error';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import {
  WEBHOOKS_DATA_SOURCE,
  WEBHOOKS_RESOLVED_OPTIONS,
} from '../webhooks.constants';
import { sqlDialectOf } from './sql-dialect';

/**
 * What one attempt's row may need in a packet besides its response body:
 * the statement, the other columns and an error message (1 KiB at most).
 */
const ROW_OVERHEAD_BYTES = 64 * 1024;
/**
 * Bytes a stored body may take per byte read: a byte that is not UTF-8 is
 * stored as U+FFFD (3 bytes), and escaping doubles a quote or backslash.
 */
const STORED_BYTES_PER_BYTE = 3;

/** The largest `responseBodyMaxBytes` whose attempt row fits `packet`. */
export function largestBodyForPacket(packet: number): number {
  return Math.max(
    0,
    Math.floor((packet - ROW_OVERHEAD_BYTES) / STORED_BYTES_PER_BYTE),
  );
}

/**
 * At boot on MySQL/MariaDB: refuses a `responseBodyMaxBytes` whose attempt
 * row might not fit the server's `max_allowed_packet`. Such an attempt's
 * outcome could never be written, and its delivery would be sent again
 * after every lease.
 */
@Injectable()
export class ResponseBodyPacketCheck implements OnModuleInit {
  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    if (sqlDialectOf(this.dataSource) !== 'mysql') return;
    const rows: Array<{ packet: number | string }> =
      await this.dataSource.query('SELECT @@max_allowed_packet AS packet');
    const packet = Number(rows[0]?.packet);
    const largest = largestBodyForPacket(packet);
    const asked = this.options.responseBodyMaxBytes;
    if (!Number.isFinite(packet) || asked <= largest) return;
    throw new InvalidOptionError(
      'responseBodyMaxBytes',
      `${asked} bytes may not fit this database's max_allowed_packet ` +
        `(${packet} bytes), so an attempt's outcome could not be recorded. ` +
        `Set it to at most ${largest}, or raise max_allowed_packet.`,
    );
  }
}

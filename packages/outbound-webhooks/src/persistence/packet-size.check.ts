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
 * What a row may need in a packet besides its one large text: the
 * statement, the other columns, an attempt's error message (1 KiB at most).
 */
const ROW_OVERHEAD_BYTES = 64 * 1024;

/**
 * The large texts of a row, with the bytes a statement may need per byte
 * the option allows: a response byte that is not UTF-8 is stored as U+FFFD
 * (3 bytes); the driver's escaping doubles a JSON payload's quotes and
 * backslashes at most.
 */
const LARGE_TEXTS = [
  { option: 'responseBodyMaxBytes', bytesPerByte: 3, row: "an attempt's" },
  { option: 'maxPayloadBytes', bytesPerByte: 2, row: "an event's" },
] as const;

/** The largest option value whose row fits `packet` at `bytesPerByte`. */
export function largestForPacket(packet: number, bytesPerByte: number): number {
  return Math.max(0, Math.floor((packet - ROW_OVERHEAD_BYTES) / bytesPerByte));
}

/**
 * At boot on MySQL/MariaDB: refuses a `responseBodyMaxBytes` or
 * `maxPayloadBytes` whose row might not fit the server's
 * `max_allowed_packet`. Such an attempt's outcome could never be written
 * (its delivery sent again after every lease), such an event never stored.
 * A delivery's body can outgrow its event (README, Limitations).
 */
@Injectable()
export class PacketSizeCheck implements OnModuleInit {
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
    if (!Number.isFinite(packet)) return;
    for (const { option, bytesPerByte, row } of LARGE_TEXTS) {
      const largest = largestForPacket(packet, bytesPerByte);
      const asked = this.options[option];
      if (asked <= largest) continue;
      throw new InvalidOptionError(
        option,
        `${asked} bytes may not fit this database's max_allowed_packet ` +
          `(${packet} bytes), so ${row} row could not be written. ` +
          `Set it to at most ${largest}, or raise max_allowed_packet.`,
      );
    }
  }
}

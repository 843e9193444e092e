import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { WebhookEntity } from '../entities/webhook.entity';
import { WEBHOOKS_DATA_SOURCE } from '../webhooks.constants';
import type { DeliveryWebhook } from '../delivery/delivery-webhook.interface';
import {
  toClaimedDelivery,
  toDeliveryWebhook,
  type ClaimedDelivery,
  type ClaimedDeliveryRow,
  type ClaimedWebhookColumns,
} from './claimed-delivery.interface';
import { newLeaseOwner } from './lease-owner';
import { cancelLeasedDeliveries } from './sql/cancel-leased-deliveries.sql';
import { CLAIM_DUE_DELIVERIES_POSTGRES } from './sql/claim-due-deliveries.postgres.sql';
import { CLAIM_DUE_DELIVERIES_SQLITE } from './sql/claim-due-deliveries.sqlite.sql';
import { CLAIM_ONE_DELIVERY } from './sql/claim-one-delivery.sql';
import { leaseLockedDeliveriesMysql } from './sql/lease-locked-deliveries.mysql.sql';
import { LOCK_DUE_DELIVERIES_MYSQL } from './sql/lock-due-deliveries.mysql.sql';
import { releaseDeliveries } from './sql/release-deliveries.sql';
import { REQUEUE_DELIVERY } from './sql/requeue-delivery.sql';
import { selectLeasedDeliveries } from './sql/select-leased-deliveries.sql';
import { placeholders } from './sql-dialect';
import { SqlExecutor } from './sql.executor';

/** A claim's deliveries, and their webhooks when the claim read them. */
export interface DueClaim {
  claimed: ClaimedDelivery[];
  /** Null: not read with the claim (load them); missing key: deleted. */
  webhooks: Map<string, DeliveryWebhook> | null;
}

/**
 * Claims, releases, cancels and re-queues deliveries with the statements in
 * `./sql` (one per file, each saying what it locks). Every claim is one
 * statement (two in one short transaction on MySQL); no transaction is ever
 * open while a request is in flight.
 */
@Injectable()
export class WebhookDeliveryRepository {
  private readonly sql: SqlExecutor;

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    this.sql = new SqlExecutor(dataSource);
  }

  /**
   * Whether `claimDueWithWebhooks` returns rows in due order (PostgreSQL,
   * MySQL). SQLite's `UPDATE ... RETURNING` order is unspecified, so a
   * dispatcher there claims no more than it can start at once.
   */
  get claimsInDueOrder(): boolean {
    return this.sql.dialect !== 'sqlite';
  }

  /** Claims up to `limit` due deliveries for `leaseMs` under a new token. */
  async claimDue(
    limit: number,
    now: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    return (await this.claimDueWithWebhooks(limit, now, leaseMs)).claimed;
  }

  /**
   * Like `claimDue`; on PostgreSQL the same statement also reads the
   * deliveries' webhooks, saving the separate lookup.
   */
  async claimDueWithWebhooks(
    limit: number,
    now: number,
    leaseMs: number,
  ): Promise<DueClaim> {
    const owner = newLeaseOwner();
    const leaseEnd = now + leaseMs;
    const lease = [owner, leaseEnd, leaseEnd, now];
    if (this.sql.dialect === 'mysql') {
      const rows = await this.sql.transaction(async (manager) => {
        const locked = await this.sql.run<ClaimedDeliveryRow>(
          LOCK_DUE_DELIVERIES_MYSQL,
          [now, limit],
          manager,
        );
        if (locked.records.length === 0) return [];
        const uuids = locked.records.map((row) => row.uuid);
        await this.sql.run(
          leaseLockedDeliveriesMysql(placeholders(uuids.length)),
          [...lease, ...uuids],
          manager,
        );
        return locked.records;
      });
      return {
        claimed: rows.map((row) => toClaimedDelivery(row, owner, leaseEnd)),
        webhooks: null,
      };
    }
    if (this.sql.dialect === 'postgres') {
      const result = await this.sql.run<
        ClaimedDeliveryRow & ClaimedWebhookColumns
      >(CLAIM_DUE_DELIVERIES_POSTGRES, [...lease, now, limit]);
      const webhooks = new Map<string, DeliveryWebhook>();
      const claimed: ClaimedDelivery[] = [];
      for (const row of result.records) {
        claimed.push(toClaimedDelivery(row, owner, leaseEnd));
        if (!webhooks.has(row.webhook_uuid)) {
          const webhook = toDeliveryWebhook(row);
          if (webhook) webhooks.set(row.webhook_uuid, webhook);
        }
      }
      return { claimed, webhooks };
    }
    const result = await this.sql.run<ClaimedDeliveryRow>(
      CLAIM_DUE_DELIVERIES_SQLITE,
      [...lease, now, limit],
    );
    return {
      claimed: result.records.map((row) =>
        toClaimedDelivery(row, owner, leaseEnd),
      ),
      webhooks: null,
    };
  }

  /** Claims one named delivery, or null when it is not PENDING or leased. */
  async claimOne(
    uuid: string,
    now: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery | null> {
    const owner = newLeaseOwner();
    const leaseEnd = now + leaseMs;
    const claimed = await this.sql.run(CLAIM_ONE_DELIVERY, [
      owner,
      leaseEnd,
      leaseEnd,
      now,
      uuid,
      now,
    ]);
    if (claimed.affected !== 1) return null;
    const rows = await this.sql.run<ClaimedDeliveryRow>(
      selectLeasedDeliveries(placeholders(1)),
      [owner, uuid],
    );
    return rows.records.length === 1
      ? toClaimedDelivery(rows.records[0], owner, leaseEnd)
      : null;
  }

  /** The webhooks of some deliveries, by uuid (missing ones are deleted). */
  async loadWebhooks(uuids: string[]): Promise<Map<string, WebhookEntity>> {
    if (uuids.length === 0) return new Map();
    const webhooks = await this.dataSource
      .getRepository(WebhookEntity)
      .findBy({ uuid: In([...new Set(uuids)]) });
    return new Map(webhooks.map((webhook) => [webhook.uuid, webhook]));
  }

  /** Gives claimed-but-unsent deliveries back, due now. */
  async release(owner: string, uuids: string[], now: number): Promise<number> {
    if (uuids.length === 0) return 0;
    const result = await this.sql.run(
      releaseDeliveries(placeholders(uuids.length)),
      [now, now, owner, ...uuids],
    );
    return result.affected;
  }

  /**
   * Hands back claimed deliveries that were never started, whoever of this
   * process leased them (a claim or a fan-out hand-off): due now, no
   * attempt counted. One statement per lease owner.
   */
  async releaseClaims(
    deliveries: readonly Pick<ClaimedDelivery, 'uuid' | 'leaseOwner'>[],
    now: number,
  ): Promise<void> {
    const byOwner = new Map<string, string[]>();
    for (const { uuid, leaseOwner } of deliveries) {
      const uuids = byOwner.get(leaseOwner);
      if (uuids) uuids.push(uuid);
      else byOwner.set(leaseOwner, [uuid]);
    }
    for (const [owner, uuids] of byOwner) {
      await this.release(owner, uuids, now);
    }
  }

  /** Cancels claimed deliveries that must not be sent, with the reason. */
  async cancelLeased(
    owner: string,
    uuids: string[],
    reason: string,
    now: number,
  ): Promise<number> {
    if (uuids.length === 0) return 0;
    const result = await this.sql.run(
      cancelLeasedDeliveries(placeholders(uuids.length)),
      [reason, now, owner, ...uuids],
    );
    return result.affected;
  }

  /** FAILED / CANCELLED / SUCCEEDED back to PENDING, due now. */
  async requeue(uuid: string, now: number): Promise<boolean> {
    const result = await this.sql.run(REQUEUE_DELIVERY, [now, now, uuid]);
    return result.affected === 1;
  }

  /** One delivery as stored, or null. */
  findDelivery(uuid: string): Promise<WebhookDeliveryEntity | null> {
    return this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .findOneBy({ uuid });
  }
}

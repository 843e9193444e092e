import type { EntityManager } from 'typeorm';
import type { DeliveryOutcome } from '../delivery/delivery-outcome.interface';
import { cancelWebhookDeliveries } from './sql/cancel-webhook-deliveries.sql';
import { clearWebhooksFailing } from './sql/clear-webhooks-failing.sql';
import { DISABLE_WEBHOOK } from './sql/disable-webhook.sql';
import { disableFailingWebhooks } from './sql/disable-failing-webhooks.sql';
import { markWebhooksFailing } from './sql/mark-webhooks-failing.sql';
import { selectDisabledWebhooks } from './sql/select-disabled-webhooks.sql';
import { placeholders } from './sql-dialect';
import type { SqlExecutor } from './sql.executor';

/** A webhook that was disabled by a batch, and why. */
export interface DisabledWebhook {
  uuid: string;
  reason: string;
}

/**
 * The webhook side of a batch of attempts: the failure clock
 * (`failing_since` set on failure, cleared on success), disabling on 410 and
 * after `autoDisableAfterMs` without success, and cancelling a disabled
 * webhook's pending deliveries, retries included. Runs inside the outcome
 * writer's transaction; webhook rows are touched in uuid order.
 */
export class WebhookHealthWriter {
  constructor(private readonly sql: SqlExecutor) {}

  /** Applies a batch's outcomes to their webhooks; returns those disabled. */
  async update(
    outcomes: DeliveryOutcome[],
    now: number,
    autoDisableAfterMs: number,
    manager?: EntityManager,
  ): Promise<DisabledWebhook[]> {
    // The last outcome of each webhook in this batch decides its clock.
    const last = new Map<string, DeliveryOutcome>();
    for (const outcome of outcomes) {
      if (outcome.verdict === 'RELEASED') continue;
      const previous = last.get(outcome.delivery.webhookUuid);
      const at = outcome.result?.requestedAt ?? 0;
      if (!previous || (previous.result?.requestedAt ?? 0) <= at) {
        last.set(outcome.delivery.webhookUuid, outcome);
      }
    }
    const healthy: string[] = [];
    const failing: string[] = [];
    for (const [uuid, outcome] of [...last].sort()) {
      (outcome.verdict === 'SUCCEEDED' ? healthy : failing).push(uuid);
    }
    if (healthy.length > 0) {
      await this.sql.run(
        clearWebhooksFailing(placeholders(healthy.length)),
        healthy,
        manager,
      );
    }
    const disabled: DisabledWebhook[] = [];
    for (const outcome of outcomes) {
      if (outcome.verdict !== 'GONE') continue;
      const reason = `The receiver answered 410 Gone at ${new Date(now).toISOString()}: the webhook was disabled. Re-enable it once the endpoint exists again.`;
      const result = await this.sql.run(
        DISABLE_WEBHOOK,
        [reason, now, outcome.delivery.webhookUuid],
        manager,
      );
      if (result.affected > 0) {
        disabled.push({ uuid: outcome.delivery.webhookUuid, reason });
      }
    }
    if (failing.length > 0) {
      await this.sql.run(
        markWebhooksFailing(placeholders(failing.length)),
        [now, ...failing],
        manager,
      );
      disabled.push(
        ...(await this.autoDisable(failing, now, autoDisableAfterMs, manager)),
      );
    }
    if (disabled.length > 0) {
      const uuids = disabled.map((d) => d.uuid).sort();
      await this.sql.run(
        cancelWebhookDeliveries(placeholders(uuids.length)),
        ['cancelled: the webhook was disabled', now, ...uuids],
        manager,
      );
    }
    return disabled;
  }

  private async autoDisable(
    failing: string[],
    now: number,
    autoDisableAfterMs: number,
    manager?: EntityManager,
  ): Promise<DisabledWebhook[]> {
    const days = Math.round((autoDisableAfterMs / 86_400_000) * 10) / 10;
    const reason = `Disabled automatically: deliveries kept failing for ${days} days with no success. Fix the endpoint, then re-enable the webhook.`;
    const result = await this.sql.run(
      disableFailingWebhooks(placeholders(failing.length)),
      [reason, now, now - autoDisableAfterMs, ...failing],
      manager,
    );
    if (result.affected === 0) return [];
    const rows = await this.sql.run<{ uuid: string; disabled_reason: string }>(
      selectDisabledWebhooks(placeholders(failing.length)),
      failing,
      manager,
    );
    return rows.records
      .filter((row) => row.disabled_reason === reason)
      .map((row) => ({ uuid: row.uuid, reason }));
  }
}

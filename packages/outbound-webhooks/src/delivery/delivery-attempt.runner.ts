import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ResolvedWebhooksOptions } from '../options/resolved-webhooks-options.interface';
import type { ClaimedDelivery } from '../persistence/claimed-delivery.interface';
import { WebhookDeliveryRepository } from '../persistence/webhook-delivery.repository';
import { WEBHOOKS_SECRET_CIPHER } from '../security/secret-cipher.interface';
import type { SecretCipher } from '../security/secret-cipher.interface';
import { WebhookSigner } from '../signing/webhook.signer';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../webhooks.constants';
import type { DeliveryOutcome } from './delivery-outcome.interface';
import type { DeliveryWebhook } from './delivery-webhook.interface';
import { hasFixedAddress } from './fixed-address';
import type { PreparedDelivery } from './prepared-delivery.interface';
import { parseRetryAfterMs } from './retry-after.parser';
import { RetrySchedule } from './retry.schedule';
import { WebhookHttpClient } from './webhook-http.client';
import type { WebhookHttpResult } from './webhook-http-exchange.interface';

/** Why a claimed delivery must not be sent, or null when it may. */
function blockedReason(webhook: DeliveryWebhook | undefined): string | null {
  if (!webhook) return 'cancelled: the webhook was deleted';
  if (webhook.status !== 'ACTIVE') return 'cancelled: the webhook was disabled';
  if (!webhook.enabled) return 'cancelled: the webhook is not enabled';
  return null;
}

/**
 * Turns claimed deliveries into attempts: checks the webhook still wants
 * them (cancelling the rest), signs the stored body with the current (and
 * rotating) secrets, sends it, and decides the outcome per SPEC 7. It writes
 * nothing itself except cancellations; outcomes go to the recorder.
 */
@Injectable()
export class DeliveryAttemptRunner {
  private readonly logger = new Logger(DeliveryAttemptRunner.name);
  private readonly schedule: RetrySchedule;

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
    private readonly http: WebhookHttpClient,
    private readonly repository: WebhookDeliveryRepository,
    @Optional()
    @Inject(WEBHOOKS_SECRET_CIPHER)
    private readonly cipher?: SecretCipher,
  ) {
    this.schedule = new RetrySchedule(options);
  }

  /**
   * Pairs claimed deliveries with their webhooks; those of a deleted,
   * disabled or switched-off webhook are cancelled now, retries included.
   * `webhooks` are the rows read with the claim itself, when it did.
   */
  async prepare(
    claimed: ClaimedDelivery[],
    webhooks?: Map<string, DeliveryWebhook>,
  ): Promise<PreparedDelivery[]> {
    webhooks ??= await this.repository.loadWebhooks(
      claimed.map((d) => d.webhookUuid),
    );
    const ready: PreparedDelivery[] = [];
    const cancelled = new Map<string, ClaimedDelivery[]>();
    for (const delivery of claimed) {
      const webhook = webhooks.get(delivery.webhookUuid);
      const reason = blockedReason(webhook);
      if (webhook && reason === null) {
        ready.push({ delivery, webhook });
        continue;
      }
      const key = `${delivery.leaseOwner}\n${reason}`;
      cancelled.set(key, [...(cancelled.get(key) ?? []), delivery]);
    }
    for (const [key, deliveries] of cancelled) {
      const [owner, reason] = key.split('\n');
      await this.repository.cancelLeased(
        owner,
        deliveries.map((d) => d.uuid),
        reason,
        Date.now(),
      );
      this.logger.debug(`${deliveries.length} deliveries ${reason}`);
    }
    return ready;
  }

  /** Signs and sends one attempt and decides what it means. */
  async attempt(
    prepared: PreparedDelivery,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome> {
    const { delivery, webhook } = prepared;
    const attemptNumber = delivery.attemptCount + 1;
    const secrets = this.secretsOf(webhook);
    let result: WebhookHttpResult;
    if (typeof secrets === 'string') {
      result = {
        requestedAt: Date.now(),
        durationMs: 0,
        statusCode: null,
        retryAfter: undefined,
        responseBody: null,
        errorKind: null,
        errorMessage: secrets,
      };
    } else {
      const body = Buffer.from(delivery.body, 'utf8');
      const signature = WebhookSigner.sign({
        id: delivery.uuid,
        timestampSeconds: Math.floor(Date.now() / 1000),
        body,
        secrets,
      });
      result = await this.http.send({
        url: webhook.url,
        body,
        headers: {
          ...signature,
          'webhook-topic': delivery.topic,
          'webhook-attempt': String(attemptNumber),
        },
        signal,
      });
    }
    const outcome = this.decide(prepared, attemptNumber, result, signal);
    // Successes are counted by the recorder's batches, not a line each:
    // this runs thousands of times a second, and Nest builds a debug
    // message even where debug output is off.
    if (outcome.verdict !== 'SUCCEEDED') {
      this.logger.debug(
        `delivery ${delivery.uuid} (${delivery.topic}) attempt ${attemptNumber}/${this.schedule.maxRetries(webhook) + 1}: ${outcome.verdict}, ${result.statusCode ?? result.errorKind ?? 'not sent'} in ${result.durationMs} ms`,
      );
    }
    return outcome;
  }

  /** Maps an HTTP result to the delivery's next state (SPEC 7). */
  decide(
    prepared: PreparedDelivery,
    attemptNumber: number,
    raw: WebhookHttpResult,
    signal?: AbortSignal,
  ): DeliveryOutcome {
    const { delivery } = prepared;
    if (raw.errorKind !== null && signal?.aborted) {
      return {
        delivery,
        attemptNumber,
        result: null,
        verdict: 'RELEASED',
        nextAttemptAt: null,
        lastError: null,
      };
    }
    const status = raw.statusCode;
    if (
      raw.errorKind === null &&
      status !== null &&
      status < 300 &&
      status >= 200
    ) {
      return {
        delivery,
        attemptNumber,
        result: raw,
        verdict: 'SUCCEEDED',
        nextAttemptAt: null,
        lastError: null,
      };
    }
    const result: WebhookHttpResult =
      raw.errorKind === null && status !== null
        ? {
            ...raw,
            errorKind: 'HTTP_STATUS',
            errorMessage:
              status >= 300 && status < 400
                ? `HTTP ${status}: redirects are not followed`
                : `HTTP ${status}`,
          }
        : raw;
    const lastError = `${result.errorKind ?? 'NOT_SENT'}: ${result.errorMessage ?? ''}`;
    if (raw.errorKind === null && status === 410) {
      return {
        delivery,
        attemptNumber,
        result,
        verdict: 'GONE',
        nextAttemptAt: null,
        lastError,
      };
    }
    if (
      result.errorKind === 'BLOCKED_ADDRESS' &&
      hasFixedAddress(prepared.webhook.url)
    ) {
      // An IP literal resolves to itself: every retry would be refused too.
      return {
        delivery,
        attemptNumber,
        result,
        verdict: 'FAILED',
        nextAttemptAt: null,
        lastError,
      };
    }
    const now = Date.now();
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfterMs(result.retryAfter, now)
        : undefined;
    const decision = this.schedule.afterFailure(
      prepared.webhook,
      attemptNumber,
      retryAfterMs,
    );
    if (!decision.retry) {
      return {
        delivery,
        attemptNumber,
        result,
        verdict: 'FAILED',
        nextAttemptAt: null,
        lastError,
      };
    }
    return {
      delivery,
      attemptNumber,
      result,
      verdict: 'RETRY',
      nextAttemptAt: now + decision.delayMs,
      lastError,
    };
  }

  /** The secrets in force, or why none could be read. */
  private secretsOf(webhook: DeliveryWebhook): string[] | string {
    try {
      const reveal = (stored: string) =>
        this.cipher ? this.cipher.decrypt(stored) : stored;
      const secrets = [reveal(webhook.secret)];
      if (
        webhook.previousSecret &&
        webhook.previousSecretExpiresAt !== null &&
        webhook.previousSecretExpiresAt > Date.now()
      ) {
        secrets.push(reveal(webhook.previousSecret));
      }
      return secrets;
    } catch (error) {
      this.logger.error(
        `webhook ${webhook.uuid}: its secret cannot be decrypted (${error instanceof Error ? error.name : 'error'}); check the encryptionKeys option`,
      );
      return 'not sent: the webhook secret cannot be decrypted with the configured encryptionKeys';
    }
  }
}

import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookDeliveryEntity } from 'nestjs-outbound-webhooks';
import type { DeliveryOutcome } from '../../packages/outbound-webhooks/src/delivery/delivery-outcome.interface';
import { DeliveryOutcomeRecorder } from '../../packages/outbound-webhooks/src/delivery/delivery-outcome.recorder';
import type { WebhookHttpResult } from '../../packages/outbound-webhooks/src/delivery/webhook-http-exchange.interface';
import type { ClaimedDelivery } from '../../packages/outbound-webhooks/src/persistence/claimed-delivery.interface';
import { DeliveryOutcomeWriter } from '../../packages/outbound-webhooks/src/persistence/delivery-outcome.writer';
import { WebhookDeliveryRepository } from '../../packages/outbound-webhooks/src/persistence/webhook-delivery.repository';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import {
  attemptsOf,
  deliveryOf,
  insertDeliveries,
  insertWebhook,
} from './delivery-fixtures';

/** Long enough that nothing here outlives it by accident. */
const LEASE_B_MS = 60_000;
/** A's lease: short, so the test can wait it out. */
const LEASE_A_MS = 300;
const AUTO_DISABLE_MS = 5 * 86_400_000;

function httpResult(statusCode: number): WebhookHttpResult {
  const ok = statusCode >= 200 && statusCode < 300;
  return {
    requestedAt: Date.now() - 5,
    durationMs: 5,
    statusCode,
    retryAfter: undefined,
    responseBody: ok ? 'ok' : 'boom',
    errorKind: ok ? null : 'HTTP_STATUS',
    errorMessage: ok ? null : `HTTP ${statusCode}`,
  };
}

function succeeded(delivery: ClaimedDelivery): DeliveryOutcome {
  return {
    delivery,
    attemptNumber: delivery.attemptCount + 1,
    result: httpResult(200),
    verdict: 'SUCCEEDED',
    nextAttemptAt: null,
    lastError: null,
  };
}

function retry(delivery: ClaimedDelivery, nextAttemptAt: number) {
  return {
    delivery,
    attemptNumber: delivery.attemptCount + 1,
    result: httpResult(500),
    verdict: 'RETRY',
    nextAttemptAt,
    lastError: 'HTTP_STATUS: HTTP 500',
  } satisfies DeliveryOutcome;
}

function failed(delivery: ClaimedDelivery): DeliveryOutcome {
  return {
    ...retry(delivery, 0),
    verdict: 'FAILED',
    nextAttemptAt: null,
  };
}

function released(delivery: ClaimedDelivery): DeliveryOutcome {
  return {
    delivery,
    attemptNumber: delivery.attemptCount + 1,
    result: null,
    verdict: 'RELEASED',
    nextAttemptAt: null,
    lastError: null,
  };
}

/** The columns a completion, failure or hand-back would change. */
function leaseState(row: WebhookDeliveryEntity) {
  return {
    status: row.status,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.nextAttemptAt,
    leaseOwner: row.leaseOwner,
    leaseExpiresAt: row.leaseExpiresAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
  };
}

describeEachDatabase('lease ownership', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  let repository: WebhookDeliveryRepository;
  let writer: DeliveryOutcomeWriter;
  let recorder: DeliveryOutcomeRecorder;

  beforeAll(async () => {
    // No dispatcher: this test is the only one claiming and writing.
    app = await createTestApp(db, {
      webhooks: { dispatcherEnabled: false },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
    repository = app.get(WebhookDeliveryRepository);
    writer = app.get(DeliveryOutcomeWriter);
    recorder = app.get(DeliveryOutcomeRecorder);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Two deliveries claimed by A, A's lease run out, then claimed by B. */
  async function claimedByAThenB() {
    const webhook = await insertWebhook(dataSource, {
      url: 'http://127.0.0.1:9/lease',
    });
    const rows = await insertDeliveries(dataSource, webhook, ['{"a":1}', '{}']);
    const uuids = rows.map((row) => row.uuid).sort();
    const byUuid = (claimed: ClaimedDelivery[]) =>
      [...claimed].sort((x, y) => (x.uuid < y.uuid ? -1 : 1));

    const a = byUuid(await repository.claimDue(10, Date.now(), LEASE_A_MS));
    expect(a.map((d) => d.uuid)).toEqual(uuids);
    // While A's lease runs, nobody else can take the rows.
    expect(await repository.claimDue(10, Date.now(), LEASE_B_MS)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, LEASE_A_MS + 100));
    const b = byUuid(await repository.claimDue(10, Date.now(), LEASE_B_MS));
    expect(b.map((d) => d.uuid)).toEqual(uuids);
    expect(b[0].leaseOwner).not.toBe(a[0].leaseOwner);

    const heldByB = await Promise.all(
      uuids.map(async (uuid) => leaseState(await deliveryOf(dataSource, uuid))),
    );
    for (const state of heldByB) {
      expect(state).toMatchObject({
        status: 'PENDING',
        attemptCount: 0,
        leaseOwner: b[0].leaseOwner,
        leaseExpiresAt: b[0].leaseExpiresAt,
      });
    }
    return { a, b, uuids, heldByB };
  }

  async function statesOf(uuids: string[]) {
    return Promise.all(
      uuids.map(async (uuid) => leaseState(await deliveryOf(dataSource, uuid))),
    );
  }

  it("the expired holder's success, retry, failure and hand-back change nothing: the row keeps the new holder's lease", async () => {
    const { a, b, uuids, heldByB } = await claimedByAThenB();
    const [a1, a2] = a;
    const later = Date.now() + 3_600_000;
    // On PostgreSQL the first two batches (successes and hand-backs only)
    // take the one-statement path, the others the transactional one; on
    // SQLite and MariaDB every batch is transactional.
    const batches: DeliveryOutcome[][] = [
      [succeeded(a1)],
      [succeeded(a1), released(a2)],
      [retry(a1, later)],
      [failed(a2)],
      [succeeded(a1), retry(a2, later)],
      [released(a1), failed(a2)],
    ];
    for (const batch of batches) {
      const report = await writer.write(batch, Date.now(), AUTO_DISABLE_MS);
      expect([...report.applied]).toEqual([]);
      expect(report.disabledWebhooks).toEqual([]);
      expect(await statesOf(uuids)).toEqual(heldByB);
    }

    // Through the recorder, as the dispatcher writes: each is told it lost.
    await expect(
      Promise.all([
        recorder.record(succeeded(a1)),
        recorder.record(retry(a2, later)),
      ]),
    ).resolves.toEqual([false, false]);
    await expect(recorder.record(failed(a1))).resolves.toBe(false);
    expect(await statesOf(uuids)).toEqual(heldByB);

    // The attempts A did send stay on record, for the history.
    const sent = batches.flat().filter((o) => o.result).length + 3;
    const recorded = [
      ...(await attemptsOf(dataSource, a1.uuid)),
      ...(await attemptsOf(dataSource, a2.uuid)),
    ];
    expect(recorded).toHaveLength(sent);

    // B, the holder, can still complete and fail them.
    const [b1, b2] = b;
    const success = await writer.write(
      [succeeded(b1)],
      Date.now(),
      AUTO_DISABLE_MS,
    );
    expect([...success.applied]).toEqual([b1.uuid]);
    await expect(recorder.record(retry(b2, later))).resolves.toBe(true);
    const [done, retrying] = await statesOf(uuids);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      attemptCount: 1,
      leaseOwner: null,
      lastStatusCode: 200,
    });
    expect(done.deliveredAt).toEqual(expect.any(Number));
    expect(retrying).toMatchObject({
      status: 'PENDING',
      attemptCount: 1,
      nextAttemptAt: later,
      leaseOwner: null,
      lastStatusCode: 500,
      lastError: 'HTTP_STATUS: HTTP 500',
    });
  });

  it("once the new holder has settled them, the expired holder's late outcomes leave the deliveries as settled", async () => {
    const { a, b, uuids } = await claimedByAThenB();
    const report = await writer.write(
      [succeeded(b[0]), failed(b[1])],
      Date.now(),
      AUTO_DISABLE_MS,
    );
    expect([...report.applied].sort()).toEqual(uuids);
    const settled = await statesOf(uuids);
    expect(settled.map((s) => s.status)).toEqual(['SUCCEEDED', 'FAILED']);

    for (const batch of [
      [failed(a[0]), succeeded(a[1])],
      [retry(a[0], Date.now()), retry(a[1], Date.now())],
      [succeeded(a[1])],
      [released(a[0]), released(a[1])],
    ]) {
      const stale = await writer.write(batch, Date.now(), AUTO_DISABLE_MS);
      expect([...stale.applied]).toEqual([]);
    }
    expect(await statesOf(uuids)).toEqual(settled);
  });
});

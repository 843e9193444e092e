import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { DemoReceiver } from '../../sample-app/src/demo/demo-receiver';
import { summarize } from '../../sample-app/src/demo/demo-summary';
import { runDemoTour } from '../../sample-app/src/demo/demo-tour';
import { waitForDeliveries } from '../../sample-app/src/demo/wait-for-deliveries';
import { describeEachDatabase } from '../support/test-database';
import { createSampleApp } from './support/create-sample-app';

describeEachDatabase('sample app demo tour', (db) => {
  let app: NestExpressApplication;
  const receiver = new DemoReceiver();

  beforeAll(async () => {
    await receiver.start();
    app = await createSampleApp(db, { pollIntervalMs: 50 });
  });
  afterAll(async () => {
    await app?.close();
    await receiver.stop();
  });

  it('delivers every expected event, verified by standardwebhooks, and nothing else', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const plan = await runDemoTour(
      `http://127.0.0.1:${port}`,
      receiver,
      () => undefined,
    );
    await waitForDeliveries(plan, receiver, 30_000, 500);
    const summary = summarize(plan, receiver.requests);
    expect(summary.failedChecks).toEqual([]);
    expect(
      summary.rows.filter(
        (r) => r.arrived !== r.expected || r.verified !== r.expected,
      ),
    ).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
  });
});

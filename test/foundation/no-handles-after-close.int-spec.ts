import { createHook } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { WebhookPublisher } from 'nestjs-outbound-webhooks';
import { COMPANY, FAST, insertWebhook } from '../delivery/delivery-fixtures';
import { createTestApp } from '../support/create-test-app';
import { startReceiver } from '../support/receiver';
import { describeEachDatabase } from '../support/test-database';

/** Handle kinds that keep a process alive or hold a resource. */
const TRACKED = new Set(['Timeout', 'TCPWRAP', 'PIPEWRAP', 'UDPWRAP']);

/**
 * Records every timer and socket created while it is on, and forgets each
 * one Node destroys: what is left after `app.close()` is a leak.
 */
function trackHandles() {
  const live = new Map<number, string>();
  let recording = true;
  const hook = createHook({
    init(asyncId, type) {
      if (!recording || !TRACKED.has(type)) return;
      // Jest's reporter ticks on its own timers meanwhile: not ours.
      if (/node_modules[\\/](@jest|jest-)/.test(new Error().stack ?? ''))
        return;
      live.set(asyncId, type);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    /** The kinds still alive, once all are gone or after 3 s. */
    async remaining(): Promise<string[]> {
      // The waits below make timers of their own: not recorded.
      recording = false;
      const deadline = Date.now() + 3_000;
      while (live.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 20).unref());
      }
      hook.disable();
      return [...live.values()].sort();
    },
  };
}

describeEachDatabase('no handles after close', (db) => {
  it('leaves no timer, socket or handle of its own after app.close(), having delivered', async () => {
    const receiver = await startReceiver();
    try {
      const handles = trackHandles();
      const app = await createTestApp(db, {
        webhooks: FAST,
        mountControllers: false,
      });
      await insertWebhook(app.get(DataSource), {
        url: receiver.url('/close'),
        topic: 'record.candidate.created',
      });
      await app.get(WebhookPublisher).recordCreated({
        companyUuid: COMPANY,
        record: { uuid: 'rec-close', objectName: 'candidate', properties: {} },
      });
      await receiver.waitForRequests(1, 5_000);
      await app.close();
      expect(await handles.remaining()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

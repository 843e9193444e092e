import type { DemoPlan } from './demo-expectation.interface';
import type { DemoReceiver } from './demo-receiver';
import { waitUntil } from './wait-until';

/**
 * Waits until every expected delivery was accepted (or `timeoutMs`), then
 * `settleMs` more so that anything unexpected has a chance to show up.
 */
export async function waitForDeliveries(
  plan: DemoPlan,
  receiver: DemoReceiver,
  timeoutMs: number,
  settleMs: number,
): Promise<void> {
  const total = plan.expectations.reduce((sum, e) => sum + e.count, 0);
  const hooks = [...new Set(plan.expectations.map((e) => e.hook))];
  await waitUntil(
    () =>
      hooks.reduce((sum, hook) => sum + receiver.accepted(hook).length, 0) >=
      total,
    timeoutMs,
  );
  await new Promise((resolve) => setTimeout(resolve, settleMs));
}

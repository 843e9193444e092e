import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoAppProcess } from './demo-app.process';
import { DemoReceiver } from './demo-receiver';
import { formatSummary, summarize } from './demo-summary';
import { runDemoTour } from './demo-tour';
import { waitForDeliveries } from './wait-for-deliveries';

const POLL_INTERVAL_MS = 100;

/**
 * `npm run demo`: the sample app on a fresh SQLite database, a verifying
 * receiver, the scripted tour and a summary. Exits 0 only when every
 * expected delivery arrived verified and nothing else did.
 */
async function main(): Promise<number> {
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-demo-'));
  const app = new DemoAppProcess();
  const receiver = new DemoReceiver();
  let ok = false;
  try {
    await receiver.start();
    const baseUrl = await app.start({
      databaseUrl: `sqlite:${join(dir, 'demo.sqlite')}`,
      pollIntervalMs: POLL_INTERVAL_MS,
    });
    log(`Sample app started at ${baseUrl} on a fresh SQLite database`);
    const plan = await runDemoTour(baseUrl, receiver, log);
    log('Waiting for the deliveries...');
    await waitForDeliveries(plan, receiver, 45_000, POLL_INTERVAL_MS * 10);
    const summary = summarize(plan, receiver.requests);
    log('');
    log(formatSummary(summary));
    for (const check of plan.checks) {
      const failed = summary.failedChecks.includes(
        `${check.hook} ${check.description}`,
      );
      log(`${failed ? 'FAILED' : 'ok'}: ${check.hook} ${check.description}`);
    }
    ok = summary.ok;
    log('');
    log(
      ok
        ? `Demo passed in ${((Date.now() - started) / 1000).toFixed(1)} s: every expected delivery arrived, verified, and nothing else did.`
        : 'Demo FAILED: see the rows marked MISSING / UNEXPECTED and the failed checks above.',
    );
  } catch (error) {
    console.error(
      `Demo FAILED: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await app.stop();
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!ok) {
    console.error('\nLast lines of the sample app output:');
    console.error(app.output.slice(-40).join('\n'));
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

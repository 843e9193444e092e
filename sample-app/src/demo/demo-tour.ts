import { SEED } from '../seed/seed-data';
import { DemoApiClient } from './demo-api.client';
import type { Json } from './demo-api.client';
import type { DemoPlan } from './demo-expectation.interface';
import { demoPlan } from './demo-plan';
import type { DemoReceiver } from './demo-receiver';
import { demoWebhooks } from './demo-webhooks';
import { waitUntil } from './wait-until';

type Log = (line: string) => void;
type RecordData = { uuid: string; objectName: string };

/**
 * The scripted tour: creates the demo webhooks through the REST API, then
 * changes records of every kind through the records API, and says what must
 * arrive where.
 */
export async function runDemoTour(
  baseUrl: string,
  receiver: DemoReceiver,
  log: Log,
): Promise<DemoPlan> {
  const acme = new DemoApiClient(baseUrl, SEED.users.acmeAdmin.token);
  const globex = new DemoApiClient(baseUrl, SEED.users.globexAdmin.token);

  log('Creating webhooks through POST /api/v2/webhooks');
  for (const hook of demoWebhooks()) {
    const client = hook.company === 'acme' ? acme : globex;
    const path = hook.appUuid
      ? `/api/v2/webhooks/apps/${hook.appUuid}`
      : '/api/v2/webhooks/';
    const {
      appUuid: _app,
      company: _company,
      outageRequests,
      ...fields
    } = hook;
    const created = await client.call<Json>('POST', path, {
      ...fields,
      url: receiver.endpoint(hook.name, hook.secret, outageRequests),
      retryBackoffMs: 200,
      maxRetries: 4,
    });
    log(
      `  ${hook.name.padEnd(24)} ${hook.topic} (${hook.webhookFormat}) ${String(created.uuid)}`,
    );
  }

  const record = (client: DemoApiClient, object: string, properties: Json) =>
    client.call<RecordData>('POST', `/api/v2/records/${object}`, {
      properties,
    });

  log('Changing records through /api/v2/records');
  const ada = await record(acme, 'candidate', {
    name: 'Ada',
    country: 'NL',
    stage: 'new',
  });
  const bob = await record(acme, 'candidate', {
    name: 'Bob',
    country: 'US',
    stage: 'new',
  });
  log(`  created candidates Ada ${ada.uuid} and Bob ${bob.uuid}`);
  await acme.call('PUT', `/api/v2/records/candidate/${ada.uuid}`, {
    properties: { stage: 'interview' },
  });
  await acme.call('PUT', `/api/v2/records/candidate/${bob.uuid}`, {
    properties: { stage: 'interview', email: 'bob@example.com' },
  });
  log('  moved both to stage "interview" (only Ada is in NL)');
  const vacancy = await record(acme, 'vacancy', { title: 'Backend engineer' });
  const relation = `/api/v2/records/relations/${ada.uuid}/applied_to/${vacancy.uuid}`;
  await acme.call('POST', relation);
  log(`  linked Ada -applied_to-> vacancy ${vacancy.uuid}`);
  // Related records are read when the delivery is prepared: let that happen
  // before the link goes away again.
  await waitUntil(
    () => receiver.accepted('vacancy-applications').length > 0,
    20_000,
  );
  await acme.call('DELETE', relation);
  log('  unlinked them again');
  await acme.call('POST', '/api/v2/forms/careers/submissions', {
    objectName: 'candidate',
    properties: { name: 'Cleo', country: 'NL' },
  });
  log('  submitted the "careers" form (creates candidate Cleo)');
  await acme.call('DELETE', `/api/v2/records/${bob.uuid}?mode=archive`);
  await acme.call('DELETE', `/api/v2/records/${vacancy.uuid}`);
  await acme.call('POST', `/api/v2/records/${vacancy.uuid}/restore`);
  await acme.call('DELETE', `/api/v2/records/${vacancy.uuid}?mode=delete`);
  log('  archived Bob; archived, restored and deleted the vacancy');
  await record(globex, 'candidate', { name: 'Gus' });
  log('  Globex created candidate Gus');

  return demoPlan(ada.uuid);
}

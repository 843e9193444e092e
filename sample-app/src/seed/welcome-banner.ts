import { SEED } from './seed-data';

/**
 * What the app prints once it listens: the demo credentials, uuids and a
 * first request to try.
 */
export function welcomeBanner(
  baseUrl: string,
  allowedNetworks: readonly string[],
): string {
  const { acme, globex } = SEED.companies;
  const { acmeAdmin, globexAdmin, multiCompany } = SEED.users;
  return [
    '',
    `Sample app listening on ${baseUrl}`,
    allowedNetworks.length > 0
      ? `Webhook URLs re-allowed on: ${allowedNetworks.join(', ')}`
      : 'Webhook URLs on loopback/private networks are refused ' +
        '(WEBHOOKS_ALLOWED_NETWORKS=127.0.0.0/8,::1/128 allows a local receiver)',
    '',
    'Companies',
    `  Acme    ${acme.uuid}`,
    `  Globex  ${globex.uuid}`,
    'Bearer tokens',
    `  ${acmeAdmin.token.padEnd(20)} Acme`,
    `  ${globexAdmin.token.padEnd(20)} Globex`,
    `  ${multiCompany.token.padEnd(20)} Acme and Globex (default Acme; pick with X-Caraer-Company-Uuid)`,
    'Apps',
    `  ${SEED.apps.demoApp.name.padEnd(20)} ${SEED.apps.demoApp.uuid} (installed for Acme)`,
    '',
    'Try:',
    `  curl -s ${baseUrl}/api/v2/webhooks/me -H 'Authorization: Bearer ${acmeAdmin.token}'`,
    `  curl -s -X POST ${baseUrl}/api/v2/records/candidate -H 'Authorization: Bearer ${acmeAdmin.token}' \\`,
    `    -H 'Content-Type: application/json' -d '{"properties":{"name":"Ada"}}'`,
    '',
  ].join('\n');
}

import { probeDatabases } from './database-probe';

/**
 * Probes PostgreSQL and MariaDB once per run. Unreachable servers are
 * skipped loudly on a developer's machine and fail the run under CI=true.
 */
export default async function globalSetup(): Promise<void> {
  const wanted = (
    process.env.WEBHOOKS_TEST_DATABASES ?? 'sqlite,postgres,mariadb'
  )
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const reachable = await probeDatabases();
  const available: string[] = [];
  for (const name of wanted) {
    if (reachable[name]) {
      available.push(name);
      continue;
    }
    if (process.env.CI === 'true') {
      throw new Error(
        `${name} is unreachable and CI=true: start it (see .ci/run) or set WEBHOOKS_TEST_DATABASES.`,
      );
    }
    process.stderr.write(
      `\n!!! ${name.toUpperCase()} IS UNREACHABLE: its integration suites are SKIPPED. Start it to run them (see .ci/run). !!!\n\n`,
    );
  }
  process.env.WEBHOOKS_TEST_AVAILABLE_DATABASES = available.join(',');
}

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabaseFolder } from '../../sample-app/src/config/ensure-database-folder';
import { loadSampleConfig } from '../../sample-app/src/config/load-sample-config';
import { parseDatabaseUrl } from '../../sample-app/src/config/parse-database-url';

describe('sample app configuration', () => {
  it('defaults to port 3000 on 127.0.0.1, the SQLite file, no allowed networks', () => {
    const config = loadSampleConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toMatchObject({
      type: 'better-sqlite3',
      database: expect.stringMatching(
        /sample-app[\\/]data[\\/]sample\.sqlite$/,
      ),
    });
    expect(config.allowedNetworks).toEqual([]);
    expect(config.pollIntervalMs).toBeUndefined();
  });

  it('reads the allow-list and poll interval', () => {
    const config = loadSampleConfig({
      WEBHOOKS_ALLOWED_NETWORKS: ' 127.0.0.0/8, ::1/128 ,',
      WEBHOOKS_POLL_INTERVAL_MS: '250',
      PORT: '0',
      HOST: '::1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '::1',
      allowedNetworks: ['127.0.0.0/8', '::1/128'],
      pollIntervalMs: 250,
      database: {
        type: 'postgres',
        url: 'postgres://postgres@127.0.0.1:5432/app',
      },
    });
  });

  it('names a bad number', () => {
    expect(() =>
      loadSampleConfig({ WEBHOOKS_POLL_INTERVAL_MS: 'soon' }),
    ).toThrow(/WEBHOOKS_POLL_INTERVAL_MS="soon"/);
  });

  it('creates the folder of a SQLite file at start only, and accepts mysql/mariadb URLs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sample-config-'));
    try {
      const file = join(dir, 'nested', 'db.sqlite');
      const options = parseDatabaseUrl(`sqlite:${file}`);
      expect(options).toMatchObject({ database: file });
      expect(existsSync(join(dir, 'nested'))).toBe(false);
      ensureDatabaseFolder(options);
      expect(existsSync(join(dir, 'nested'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1:3306/app')).toMatchObject(
      {
        type: 'mysql',
        url: 'mysql://root@127.0.0.1:3306/app',
      },
    );
    expect(() => parseDatabaseUrl('oracle://x')).toThrow(/not supported/);
  });
});

import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AesGcmSecretCipher } from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';
import { CountingServer } from './support/counting.server';
import { authResolver, bearer, TOKEN_A } from './support/security-host';

const KEY_OLD = randomBytes(32).toString('base64');
const KEY_NEW = randomBytes(32).toString('hex');
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const ROTATED = `whsec_${randomBytes(24).toString('base64')}`;
const TABLES = [
  'webhook_webhooks',
  'webhook_events',
  'webhook_deliveries',
  'webhook_attempts',
];

/** The raw `secret` / `previous_secret` columns, read around the entity. */
async function rawSecrets(
  dataSource: DataSource,
  uuid: string,
): Promise<{ secret: string; previous: string | null }> {
  const row = await dataSource
    .createQueryBuilder()
    .select('w.secret', 'secret')
    .addSelect('w.previous_secret', 'previous')
    .from('webhook_webhooks', 'w')
    .where('w.uuid = :uuid', { uuid })
    .getRawOne<{ secret: string; previous: string | null }>();
  if (!row) throw new Error(`no webhook ${uuid}`);
  return row;
}

/** Every row of every module table, as text. */
async function everything(dataSource: DataSource): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows: unknown[] = await dataSource
      .createQueryBuilder()
      .select('*')
      .from(table, 't')
      .getRawMany();
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

/** Keeps every line any module logger writes, at every level. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep = (...parts: unknown[]) => {
    this.lines.push(parts.map((p) => JSON.stringify(p)).join(' '));
  };
  log = this.keep;
  error = this.keep;
  warn = this.keep;
  debug = this.keep;
  verbose = this.keep;
  fatal = this.keep;
}

describeEachDatabase('secrets at rest', (db) => {
  const receiver = new CountingServer();
  const logs = new CapturingLogger();
  let app: INestApplication;
  let dataSource: DataSource;
  let uuid: string;

  /** Sends a test event; returns the request the receiver got. */
  async function sendTestEvent() {
    const before = receiver.requests.length;
    await request(app.getHttpServer())
      .post(`/api/v2/webhooks/${uuid}/test`)
      .set('authorization', bearer(TOKEN_A))
      .expect(200);
    expect(receiver.requests).toHaveLength(before + 1);
    const received = receiver.requests[before];
    return {
      body: received.body,
      headers: received.headers as Record<string, string>,
    };
  }

  beforeAll(async () => {
    await receiver.listen('127.0.0.1');
    app = await createTestApp(db, {
      webhooks: {
        authResolver,
        encryptionKeys: [KEY_OLD],
        allowedNetworks: ['127.0.0.1/32'],
      },
    });
    dataSource = app.get(DataSource);
    Logger.overrideLogger(logs);
  });

  afterAll(async () => {
    await app?.close();
    await receiver.close();
  });

  it('stores a created secret encrypted and never returns it', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v2/webhooks/')
      .set('authorization', bearer(TOKEN_A))
      .send({
        url: `http://127.0.0.1:${receiver.port}/hook`,
        secret: SECRET,
        topic: 'record.candidate.created',
      })
      .expect(200);
    uuid = (response.body as { data: { uuid: string } }).data.uuid;
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
    const { secret } = await rawSecrets(dataSource, uuid);
    expect(secret).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(secret).not.toContain(SECRET);
    expect(secret).not.toContain(SECRET.slice('whsec_'.length));
    expect(new AesGcmSecretCipher([KEY_OLD]).decrypt(secret)).toBe(SECRET);
    expect(await everything(dataSource)).not.toContain(SECRET);
  });

  it('signs deliveries with the decrypted secret, which never travels', async () => {
    const sent = await sendTestEvent();
    expect(() =>
      new Webhook(SECRET).verify(sent.body, sent.headers),
    ).not.toThrow();
    expect(sent.body).not.toContain(SECRET);
    expect(JSON.stringify(sent.headers)).not.toContain(SECRET);
    expect(await everything(dataSource)).not.toContain(SECRET);
  });

  it('keeps both secrets encrypted during a rotation', async () => {
    const response = await request(app.getHttpServer())
      .post(`/api/v2/webhooks/${uuid}/rotate-secret`)
      .set('authorization', bearer(TOKEN_A))
      .send({ secret: ROTATED, overlapMs: 60_000 })
      .expect(200);
    expect(JSON.stringify(response.body)).not.toContain(ROTATED);
    const { secret, previous } = await rawSecrets(dataSource, uuid);
    const cipher = new AesGcmSecretCipher([KEY_OLD]);
    expect(secret).toMatch(/^enc:v1:/);
    expect(previous).toMatch(/^enc:v1:/);
    expect(cipher.decrypt(secret)).toBe(ROTATED);
    expect(cipher.decrypt(previous!)).toBe(SECRET);
    const dump = await everything(dataSource);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(ROTATED);
  });

  it('signs with both secrets during the overlap, each verifiable', async () => {
    const sent = await sendTestEvent();
    expect(sent.headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [ROTATED, SECRET]) {
      expect(() =>
        new Webhook(secret).verify(sent.body, sent.headers),
      ).not.toThrow();
    }
    expect(() =>
      new Webhook(`whsec_${randomBytes(24).toString('base64')}`).verify(
        sent.body,
        sent.headers,
      ),
    ).toThrow();
  });

  it('reads old-key values after a key rotation and writes with the new key', async () => {
    const rotatedApp = await createTestApp(db, {
      webhooks: {
        authResolver,
        encryptionKeys: [KEY_NEW, KEY_OLD],
        allowedNetworks: ['127.0.0.1/32'],
      },
    });
    try {
      const before = await rawSecrets(dataSource, uuid);
      await request(rotatedApp.getHttpServer())
        .post(`/api/v2/webhooks/${uuid}/rotate-secret`)
        .set('authorization', bearer(TOKEN_A))
        .send({ secret: SECRET, overlapMs: 60_000 })
        .expect(200);
      const after = await rawSecrets(dataSource, uuid);
      const newKeyOnly = new AesGcmSecretCipher([KEY_NEW]);
      const keyIdOf = (value: string) => value.split(':')[2];
      expect(keyIdOf(after.secret)).not.toBe(keyIdOf(before.secret));
      expect(newKeyOnly.decrypt(after.secret)).toBe(SECRET);
      // The previous secret may keep its old-key encryption for the overlap.
      expect(
        new AesGcmSecretCipher([KEY_NEW, KEY_OLD]).decrypt(after.previous!),
      ).toBe(ROTATED);
    } finally {
      await rotatedApp.close();
    }
  });

  it('never wrote a secret or an encrypted value to the logs', () => {
    const text = logs.lines.join('\n');
    expect(text).toMatch(/created for company/);
    expect(text).toMatch(/secret rotated/);
    for (const secret of [SECRET, ROTATED]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice('whsec_'.length));
    }
    expect(text).not.toContain('enc:v1:');
  });
});

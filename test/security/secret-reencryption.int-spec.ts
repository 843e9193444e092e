import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AesGcmSecretCipher,
  WebhookSecretReencryptor,
} from 'nestjs-outbound-webhooks';
import { createTestApp } from '../support/create-test-app';
import { describeEachDatabase } from '../support/test-database';

const KEY_OLD = randomBytes(32).toString('base64');
const KEY_NEW = randomBytes(32).toString('base64');
const COMPANY = '0d0d0d0d-0000-4000-8000-00000000000d';

describeEachDatabase('re-encrypting secrets after a key rotation', (db) => {
  let app: INestApplication;
  let dataSource: DataSource;
  const secrets = new Map<
    string,
    { secret: string; previous: string | null }
  >();

  /** A webhook row holding the given stored values. */
  function rowOf(secret: string, previous: string | null) {
    const now = Date.now();
    return {
      uuid: randomUUID(),
      companyUuid: COMPANY,
      url: 'http://127.0.0.1:9/hook',
      secret,
      previousSecret: previous,
      previousSecretExpiresAt: previous ? now + 60_000 : null,
      topic: 'record.candidate.created',
      webhookFormat: 'LEGACY',
      deliveryMode: 'HTTP',
      createdAt: now,
      updatedAt: now,
    };
  }

  async function stored(uuid: string) {
    const row = await dataSource
      .createQueryBuilder()
      .select('w.secret', 'secret')
      .addSelect('w.previous_secret', 'previous')
      .addSelect('w.updated_at', 'updatedAt')
      .from('webhook_webhooks', 'w')
      .where('w.uuid = :uuid', { uuid })
      .getRawOne<{
        secret: string;
        previous: string | null;
        updatedAt: unknown;
      }>();
    return row!;
  }

  beforeAll(async () => {
    app = await createTestApp(db, {
      webhooks: { encryptionKeys: [KEY_NEW, KEY_OLD] },
      mountControllers: false,
    });
    dataSource = app.get(DataSource);
    const old = new AesGcmSecretCipher([KEY_OLD]);
    const current = new AesGcmSecretCipher([KEY_NEW]);
    // 250 rows: more than one batch.
    const rows: ReturnType<typeof rowOf>[] = [];
    for (let i = 0; i < 250; i += 1) {
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      const previous =
        i % 3 === 0 ? `whsec_${randomBytes(24).toString('base64')}` : null;
      const encrypt = i % 5 === 0 ? (v: string) => v : old.encrypt.bind(old);
      const row = rowOf(
        i === 1 ? current.encrypt(secret) : encrypt(secret),
        previous === null ? null : encrypt(previous),
      );
      rows.push(row);
      secrets.set(row.uuid, { secret, previous });
    }
    for (let i = 0; i < rows.length; i += 50) {
      await dataSource
        .getRepository('WebhookEntity')
        .insert(rows.slice(i, i + 50));
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('rewrites every old-key and plain value under the first key, once', async () => {
    const reencryptor = app.get(WebhookSecretReencryptor);
    const untouched = [...secrets.keys()][1];
    const before = await stored(untouched);

    expect(await reencryptor.reencryptAll()).toBe(249);

    const newKeyOnly = new AesGcmSecretCipher([KEY_NEW]);
    const all = await dataSource
      .createQueryBuilder()
      .select('w.uuid', 'uuid')
      .addSelect('w.secret', 'secret')
      .addSelect('w.previous_secret', 'previous')
      .from('webhook_webhooks', 'w')
      .getRawMany<{ uuid: string; secret: string; previous: string | null }>();
    expect(all).toHaveLength(secrets.size);
    for (const row of all) {
      const expected = secrets.get(row.uuid)!;
      expect(newKeyOnly.isCurrent(row.secret)).toBe(true);
      expect(newKeyOnly.decrypt(row.secret)).toBe(expected.secret);
      if (expected.previous === null) {
        expect(row.previous).toBeNull();
      } else {
        expect(newKeyOnly.decrypt(row.previous!)).toBe(expected.previous);
      }
    }
    expect(await stored(untouched)).toEqual(before);
    expect(await reencryptor.reencryptAll()).toBe(0);
  });
});

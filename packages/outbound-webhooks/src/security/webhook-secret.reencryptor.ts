import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { WebhookEntity } from '../entities/webhook.entity';
import { WEBHOOKS_DATA_SOURCE } from '../webhooks.constants';
import { WEBHOOKS_SECRET_CIPHER } from './secret-cipher.interface';
import type { SecretCipher } from './secret-cipher.interface';

/** Rows read per batch. */
const BATCH_SIZE = 200;

/**
 * Rewrites every stored secret (and previous secret) that is not in the
 * current form: encrypted with an older key, or still plain after
 * encryption was turned on. Run it after putting a new key first in
 * `encryptionKeys`; once it returns, the old keys can be removed.
 */
@Injectable()
export class WebhookSecretReencryptor {
  private readonly logger = new Logger(WebhookSecretReencryptor.name);

  constructor(
    @Inject(WEBHOOKS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(WEBHOOKS_SECRET_CIPHER) private readonly cipher: SecretCipher,
  ) {}

  /**
   * Re-encrypts in batches, keyset-paged by uuid. A row whose secret changed
   * meanwhile (a rotation) is left alone: it was just written in the
   * current form. Returns the number of webhooks rewritten.
   */
  async reencryptAll(): Promise<number> {
    const repository = this.dataSource.getRepository(WebhookEntity);
    let after = '';
    let rewritten = 0;
    for (;;) {
      const rows = await repository
        .createQueryBuilder('w')
        .select(['w.uuid', 'w.secret', 'w.previousSecret'])
        .where('w.uuid > :after', { after })
        .orderBy('w.uuid', 'ASC')
        .limit(BATCH_SIZE)
        .getMany();
      if (rows.length === 0) break;
      // One transaction per batch: one commit instead of one per row.
      rewritten += await this.dataSource.transaction(async (manager) => {
        let count = 0;
        for (const row of rows) {
          if (await this.rewrite(manager, row)) count += 1;
        }
        return count;
      });
      after = rows[rows.length - 1].uuid;
    }
    this.logger.log(`re-encrypted the secrets of ${rewritten} webhook(s)`);
    return rewritten;
  }

  private refresh(stored: string): string {
    if (this.cipher.isCurrent?.(stored)) return stored;
    return this.cipher.encrypt(this.cipher.decrypt(stored));
  }

  private async rewrite(
    manager: EntityManager,
    row: WebhookEntity,
  ): Promise<boolean> {
    const secret = this.refresh(row.secret);
    const previousSecret =
      row.previousSecret === null ? null : this.refresh(row.previousSecret);
    if (secret === row.secret && previousSecret === row.previousSecret) {
      return false;
    }
    const result = await manager
      .createQueryBuilder()
      .update(WebhookEntity)
      .set({ secret, previousSecret })
      .where('uuid = :uuid AND secret = :old', {
        uuid: row.uuid,
        old: row.secret,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

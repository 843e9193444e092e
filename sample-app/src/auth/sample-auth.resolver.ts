import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type {
  WebhooksAuthResolver,
  WebhooksPrincipal,
} from 'nestjs-outbound-webhooks';
import { hashToken } from './hash-token';
import { MembershipEntity } from './membership.entity';
import { UserEntity } from './user.entity';

/**
 * The sample platform's token check, shared by its own records API and by
 * the webhooks module (which asks it through `WebhooksAuthResolver`).
 */
@Injectable()
export class SampleAuthResolver implements WebhooksAuthResolver {
  constructor(
    @InjectRepository(UserEntity)
    private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity)
    private readonly memberships: Repository<MembershipEntity>,
  ) {}

  async resolve(token: string): Promise<WebhooksPrincipal | null> {
    const user = await this.users.findOneBy({ tokenHash: hashToken(token) });
    if (!user) return null;
    const memberships = await this.memberships.findBy({ userUuid: user.uuid });
    return {
      user: {
        uuid: user.uuid,
        email: user.email,
        firstname: user.firstname,
        lastname: user.lastname,
      },
      companyUuids: memberships.map((m) => m.companyUuid),
      defaultCompanyUuid: user.defaultCompanyUuid,
    };
  }
}

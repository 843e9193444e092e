import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from '../common/request-id';
import type { RequestAuth } from './request-auth.interface';
import { SampleAuthResolver } from './sample-auth.resolver';

/** The header that selects which of the user's companies a request is for. */
export const COMPANY_HEADER = 'x-caraer-company-uuid';

/** A request after `BearerAuthGuard` let it through. */
export type AuthenticatedRequest = Request & { auth: RequestAuth };

/**
 * `Authorization: Bearer <token>` (401 when missing or unknown) and an
 * optional company header (403 when the user is not a member).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly resolver: SampleAuthResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(
      request.header('authorization') ?? '',
    );
    if (!match) {
      throw new UnauthorizedException(
        'Missing bearer token: send "Authorization: Bearer <token>".',
      );
    }
    const principal = await this.resolver.resolve(match[1]);
    if (!principal) throw new UnauthorizedException('Invalid bearer token.');
    const selected = request.header(COMPANY_HEADER)?.trim();
    const companyUuid = selected || principal.defaultCompanyUuid;
    if (!principal.companyUuids.includes(companyUuid)) {
      throw new ForbiddenException(
        `You are not a member of company ${companyUuid}.`,
      );
    }
    request.auth = {
      user: principal.user,
      companyUuid,
      correlationId: requestIdOf(request),
    };
    return true;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { ResolvedWebhooksOptions } from '../../options/resolved-webhooks-options.interface';
import { WEBHOOKS_RESOLVED_OPTIONS } from '../../webhooks.constants';
import { AuthenticationRequiredError } from '../errors/authentication-required.error';
import { CompanyAccessDeniedError } from '../errors/company-access-denied.error';
import { requestIdOf } from './request-id';
import type {
  WebhooksHttpRequest,
  WebhooksHttpResponse,
} from './webhooks-http-request.interface';

/** The header that selects which of the caller's companies a request acts for. */
export const COMPANY_HEADER = 'x-caraer-company-uuid';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Authenticates every REST call through the host's `authResolver` and
 * selects the company (SPEC 8.1): no or unknown token is a 401, a company
 * the caller does not belong to is a 403.
 */
@Injectable()
export class WebhooksAuthGuard implements CanActivate {
  private readonly logger = new Logger(WebhooksAuthGuard.name);

  constructor(
    @Inject(WEBHOOKS_RESOLVED_OPTIONS)
    private readonly options: ResolvedWebhooksOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<WebhooksHttpRequest>();
    const response = http.getResponse<WebhooksHttpResponse>();
    response.setHeader('x-request-id', requestIdOf(request));

    const match = BEARER.exec(single(request.headers.authorization) ?? '');
    if (!match) {
      throw new AuthenticationRequiredError(
        'The Authorization header is missing or is not a bearer token.',
      );
    }
    const resolver = this.options.authResolver;
    if (!resolver) {
      this.logger.error(
        'WebhooksModule has no authResolver: every REST call is refused. Pass one to forRoot().',
      );
      throw new Error('No authResolver configured.');
    }
    const principal = await resolver.resolve(match[1]);
    if (!principal) {
      throw new AuthenticationRequiredError(
        'The bearer token is unknown or expired.',
      );
    }
    const selected =
      single(request.headers[COMPANY_HEADER])?.trim() ||
      principal.defaultCompanyUuid;
    if (!principal.companyUuids.includes(selected)) {
      throw new CompanyAccessDeniedError();
    }
    request.webhooksContext = { principal, companyUuid: selected };
    return true;
  }
}

import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './bearer-auth.guard';
import type { RequestAuth } from './request-auth.interface';

/** The caller and selected company of a request behind `BearerAuthGuard`. */
export const CurrentAuth = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestAuth =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().auth,
);

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../common/http/actor.decorator';
import { GrantScope } from './permissions';

/** The logged-in user as the guard and services see them. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  tokenVersion: number;
  mustChangePassword: boolean;
  grants: GrantScope[];
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('route reached without an authenticated principal');
  return principal;
});

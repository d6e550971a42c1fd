import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { notFound } from '../common/errors/common.errors';
import { AuthenticatedRequest } from '../common/http/actor.decorator';
import { AuthError, forbidden, permissionDenied } from './auth.errors';
import { Access, ACCESS } from './permission.decorator';
import { allowedAnywhere, decideOnCenter, decideOnUnion } from './permissions';
import { PrincipalsService } from './principals.service';
import { TokensService } from './tokens.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every route is closed unless it says otherwise: it needs a valid access token, a principal that is still
 * active with that token's version, and the permission its decorator names. Under /unions/:unionId the
 * permission must cover that union; a union the user has no grant over answers 404, like one that does
 * not exist, so ids of other unions reveal nothing. Under /centers/:centerId the same, with center-wide
 * grants. A route without an access declaration is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly principals: PrincipalsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;
    if (!access) throw forbidden('该接口未声明访问权限');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params: Record<string, string> }>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new AuthError('UNAUTHENTICATED', '请先登录');
    const claims = await this.tokens.verifyAccess(token);
    const principal = await this.principals.forToken(claims.sub, claims.tv);
    request.principal = principal;

    if (principal.mustChangePassword && !(access.kind === 'authenticated' && access.duringPasswordChange)) {
      throw new AuthError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
    }
    if (access.kind === 'authenticated') return true;

    const unionId = request.params?.unionId;
    if (unionId !== undefined) {
      const union = UUID.test(unionId) ? await this.principals.unionScope(unionId) : null;
      const decision = union ? decideOnUnion(principal.grants, union, access.permission) : 'not-found';
      if (decision === 'not-found') throw notFound('工会', { unionId });
      if (decision === 'forbidden') throw permissionDenied(access.permission);
      return true;
    }
    const centerId = request.params?.centerId;
    if (centerId !== undefined) {
      const decision = UUID.test(centerId) ? decideOnCenter(principal.grants, centerId, access.permission) : 'not-found';
      if (decision === 'not-found') throw notFound('核算中心', { centerId });
      if (decision === 'forbidden') throw permissionDenied(access.permission);
      return true;
    }
    if (!allowedAnywhere(principal.grants, access.permission)) throw permissionDenied(access.permission);
    return true;
  }
}

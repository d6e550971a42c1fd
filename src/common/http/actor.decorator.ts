import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';

/** Who acts, as recorded on vouchers, period events and audit records. */
export interface Actor {
  /** null: the service itself (bootstrap, migrations). */
  id: string | null;
  username: string;
  /** Display name, printed on vouchers as 制单/记账. */
  name: string;
  requestId: string | null;
  ip: string | null;
}

export const SERVICE_ACTOR: Actor = { id: null, username: 'system', name: '系统', requestId: null, ip: null };

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export function actorOf(request: AuthenticatedRequest): Actor {
  const p = request.principal;
  return {
    id: p?.userId ?? null,
    username: p?.username ?? 'anonymous',
    name: p?.displayName ?? 'anonymous',
    requestId: String(request.id ?? '') || null,
    ip: request.ip ?? null,
  };
}

/** The authenticated person making the request (set by the auth guard), with request id and address. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => actorOf(ctx.switchToHttp().getRequest()));

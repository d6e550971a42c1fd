import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Permission } from './permissions';

export const ACCESS = 'union-ledger:access';

export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated'; duringPasswordChange: boolean }
  | { kind: 'permission'; permission: Permission };

/**
 * The one decorator every route carries: what it needs. On a route with `:unionId` the permission must be
 * held over that union (404 when no grant covers it, 403 when one does without the permission); elsewhere
 * it must be held somewhere, and the service narrows lists and checks the center of what it creates.
 */
export function Permission(permission: Permission) {
  // also in the OpenAPI document, so clients (and the isolation tests) read who may call what from the spec
  return applyDecorators(
    SetMetadata(ACCESS, { kind: 'permission', permission } satisfies Access),
    ApiBearerAuth(),
    ApiExtension('x-permission', permission),
  );
}

/** Any logged-in user; `duringPasswordChange` also while a password change is required. */
export function Authenticated(opts: { duringPasswordChange?: boolean } = {}) {
  return applyDecorators(
    SetMetadata(ACCESS, { kind: 'authenticated', duringPasswordChange: opts.duringPasswordChange ?? false } satisfies Access),
    ApiBearerAuth(),
    ApiExtension('x-permission', 'authenticated'),
  );
}

export function Public() {
  return applyDecorators(SetMetadata(ACCESS, { kind: 'public' } satisfies Access), ApiExtension('x-permission', 'public'));
}

import { DomainError } from '../common/errors/domain-error';
import { Permission, PERMISSION_LABEL, ROLE_LABEL, rolesHolding } from './permissions';

export const AuthErrorCodes = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'TOKEN_INVALID',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'PASSWORD_POLICY',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'USERNAME_TAKEN',
  'GRANT_EXISTS',
  'GRANT_SCOPE_INVALID',
  'SOD_INCOMPATIBLE_GRANTS',
  'SOD_SELF_REVIEW',
  'LAST_ADMIN',
  'SELF_DISABLE',
] as const;
export type AuthErrorCode = (typeof AuthErrorCodes)[number];

export class AuthError extends DomainError<AuthErrorCode> {}

export function forbidden(message = '您没有执行此操作的权限'): AuthError {
  return new AuthError('FORBIDDEN', message);
}

/** 403 for a route's permission: names it and the roles that hold it, so the clerk knows whom to ask. */
export function permissionDenied(permission: Permission): AuthError {
  const roles = rolesHolding(permission);
  return new AuthError(
    'FORBIDDEN',
    `您没有“${PERMISSION_LABEL[permission]}”的权限。拥有该权限的角色：${roles.map((r) => ROLE_LABEL[r]).join('、')}`,
    { permission, roles, messageEn: `permission ${permission} required; held by: ${roles.join(', ')}` },
  );
}

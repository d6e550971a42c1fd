import { DomainError } from '../common/errors/domain-error';

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

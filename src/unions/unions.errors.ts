import { DomainError } from '../common/errors/domain-error';

export const UnionErrorCodes = [
  'CENTER_CODE_TAKEN',
  'CENTER_NOT_FOUND',
  'UNION_CODE_TAKEN',
  'UNION_WITHDRAWN',
  'UNION_SUSPENDED',
  'NO_POOLED_ACCOUNT',
  'UNION_STATUS_TRANSITION',
  'UNION_BOOKS_STARTED',
] as const;
export type UnionErrorCode = (typeof UnionErrorCodes)[number];

export class UnionError extends DomainError<UnionErrorCode> {}

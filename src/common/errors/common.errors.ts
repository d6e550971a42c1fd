import { DomainError } from './domain-error';

export const CommonErrorCodes = [
  'VALIDATION_FAILED',
  'AMOUNT_INVALID',
  'AMOUNT_OUT_OF_RANGE',
  'NOT_FOUND',
  'CONFLICT',
  'CONCURRENT_UPDATE',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
] as const;
export type CommonErrorCode = (typeof CommonErrorCodes)[number];

export class CommonError extends DomainError<CommonErrorCode> {}

export function notFound(what: string, details?: Record<string, unknown>): CommonError {
  return new CommonError('NOT_FOUND', `${what}不存在或无权访问`, details);
}

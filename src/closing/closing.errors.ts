import { DomainError } from '../common/errors/domain-error';

export const ClosingErrorCodes = [
  'FINISHED_PROJECT_INVALID',
  'PERIOD_HAS_OPEN_CLAIMS',
  'YEAR_NOT_READY',
  'YEAR_CLOSED',
  'YEAR_NOT_CLOSED',
  'YEAR_LATER_ACTIVE',
  'CLOSE_RUN_RUNNING',
  'CLOSE_RUN_UNIONS_INVALID',
  'CLOSE_BATCH_TOO_LARGE',
] as const;
export type ClosingErrorCode = (typeof ClosingErrorCodes)[number];

export class ClosingError extends DomainError<ClosingErrorCode> {}

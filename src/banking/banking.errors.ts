import { DomainError } from '../common/errors/domain-error';

export const BankingErrorCodes = [
  'BANK_ACCOUNT_NO_TAKEN',
  'BANK_ACCOUNT_LOCKED',
  'BANK_ACCOUNT_NOT_REGISTERED',
  'BANK_ACCOUNT_CLOSED',
  'BANK_ACCOUNT_HAS_BALANCE',
  'BANK_ACCOUNT_DEFAULT',
  'BANK_SHARE_INVALID',
  'BANK_SHARE_EXISTS',
  'WITHDRAWAL_BLOCKED',
  'WITHDRAWAL_ACCOUNT_REQUIRED',
  'FILE_UNREADABLE',
  'RECEIPT_INVALID',
  'RECEIPT_STATUS',
  'DUES_ROLL_INVALID',
  'ALLOCATION_INVALID',
  'ALLOCATION_DUPLICATE',
  'ALLOCATION_STATUS',
] as const;
export type BankingErrorCode = (typeof BankingErrorCodes)[number];

/** Coded errors of the pooled bank accounts, receipts, allocations, statements and reconciliation. */
export class BankingError extends DomainError<BankingErrorCode> {}

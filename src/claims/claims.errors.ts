import { DomainError } from '../common/errors/domain-error';

export const ClaimErrorCodes = [
  'CLAIM_STATUS',
  'CLAIM_LINE_AMOUNT',
  'CLAIM_ACCOUNT_INVALID',
  'CLAIM_PAYEE_INVALID',
  'CLAIM_BENEFICIARIES_INVALID',
  'CLAIM_RULES_FAILED',
  'COMMITTEE_DECISION_REQUIRED',
  'CASH_LIMIT_EXCEEDED',
  'SELF_APPROVAL_FORBIDDEN',
  'DUPLICATE_INVOICE',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'ATTACHMENT_INVALID',
  'RULE_SET_INVALID',
  'RULE_SET_EXISTS',
] as const;
export type ClaimErrorCode = (typeof ClaimErrorCodes)[number];

export class ClaimError extends DomainError<ClaimErrorCode> {}

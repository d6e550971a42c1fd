import { DomainError } from '../common/errors/domain-error';

export const BudgetErrorCodes = ['BUDGET_LINE_INVALID', 'BUDGET_EXISTS', 'BUDGET_NOT_DRAFT', 'BUDGET_NOT_APPROVED', 'BUDGET_EXCEEDED'] as const;
export type BudgetErrorCode = (typeof BudgetErrorCodes)[number];

export class BudgetError extends DomainError<BudgetErrorCode> {}

import { DomainError } from '../common/errors/domain-error';

export const PrintErrorCodes = ['PRINT_NOT_POSTED', 'PRINT_NOTHING'] as const;
export type PrintErrorCode = (typeof PrintErrorCodes)[number];

export class PrintError extends DomainError<PrintErrorCode> {}

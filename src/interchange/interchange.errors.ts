import { DomainError } from '../common/errors/domain-error';

export const InterchangeErrorCodes = ['INTERCHANGE_FILE_INVALID', 'INTERCHANGE_BOOKS_INVALID', 'INTERCHANGE_UNION_NOT_EMPTY', 'INTERCHANGE_SHEET_INVALID', 'INTERCHANGE_UNMAPPABLE'] as const;
export type InterchangeErrorCode = (typeof InterchangeErrorCodes)[number];

export class InterchangeError extends DomainError<InterchangeErrorCode> {}

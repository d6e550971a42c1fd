import { DomainError } from '../common/errors/domain-error';

export const ExportErrorCodes = ['EXPORT_TOO_LARGE_FOR_DIRECT', 'EXPORT_NOT_READY', 'EXPORT_EXPIRED'] as const;
export type ExportErrorCode = (typeof ExportErrorCodes)[number];

export class ExportError extends DomainError<ExportErrorCode> {}

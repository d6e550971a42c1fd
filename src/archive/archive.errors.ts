import { DomainError } from '../common/errors/domain-error';

export const ArchiveErrorCodes = ['ARCHIVE_PERIOD_OPEN', 'ARCHIVE_NOT_READY', 'ARCHIVE_SCOPE_INVALID', 'ARCHIVE_FILE_MISSING'] as const;
export type ArchiveErrorCode = (typeof ArchiveErrorCodes)[number];

export class ArchiveError extends DomainError<ArchiveErrorCode> {}

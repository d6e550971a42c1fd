import { DomainError } from '../common/errors/domain-error';

export const AssetErrorCodes = ['ASSET_COST_INVALID', 'ASSET_ORIGIN_INVALID', 'ASSET_NOT_ACTIVE', 'ASSET_DEPRECIATING', 'ASSET_DATE_INVALID', 'ASSET_CARD_STANDS'] as const;
export type AssetErrorCode = (typeof AssetErrorCodes)[number];

export class AssetError extends DomainError<AssetErrorCode> {}

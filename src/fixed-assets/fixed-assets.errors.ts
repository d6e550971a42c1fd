import { DomainError } from '../common/errors/domain-error';

export const AssetErrorCodes = ['ASSET_COST_INVALID', 'ASSET_ORIGIN_INVALID', 'ASSET_NOT_ACTIVE', 'ASSET_DEPRECIATING', 'ASSET_DATE_INVALID', 'ASSET_CARD_STANDS'] as const;
export type AssetErrorCode = (typeof AssetErrorCodes)[number];

export class AssetError extends DomainError<AssetErrorCode> {}

/** A voucher that put an asset on the books while its card stands (refused when the reversal is drafted, and by the database at posting: UL061). */
export function assetCardStands(): AssetError {
  return new AssetError('ASSET_CARD_STANDS', '该凭证已登记固定资产卡片：尚未计提折旧的请先注销卡片，已计提折旧的请办理资产处置，不能冲销购置凭证');
}

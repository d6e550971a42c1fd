import Decimal from 'decimal.js';
import { formatAmount, sum } from '../../common/money/amount';

/**
 * 固定资产 (《工会会计制度》第三十二条): an item bought under a capital-expenditure account is a fixed asset when
 * its unit value reaches the threshold of its kind — general equipment 1,000 yuan, special equipment 1,500
 * (a center may set others) — or, whatever its unit value, when it is a building, or one of a large batch
 * of like items (大批同类物资, the accountant says so at review). Below that the purchase is only expensed.
 */
export type AssetCategory = 'building' | 'general' | 'special';

export const ASSET_CATEGORY_LABEL: Record<AssetCategory, string> = {
  building: '房屋及构筑物',
  general: '通用设备',
  special: '专用设备',
};

/** The capital-expenditure accounts that buy fixed assets, and what kind of asset each buys. */
const CATEGORY_OF_ACCOUNT: Record<string, AssetCategory> = {
  '50701': 'building', // 房屋建筑物购建
  '50702': 'general', // 办公设备购置
  '50703': 'special', // 专用设备购置
  '50704': 'general', // 交通工具购置: vehicles are general equipment (GB/T 14885)
  '50706': 'general', // 信息网络购建: the hardware
};

/** The asset account and its fund (brief §2.4: Dr 162 固定资产 / Cr 30104 资产基金—固定资产). */
export const FIXED_ASSET_ACCOUNT = '162';
export const FIXED_ASSET_FUND_ACCOUNT = '30104';

export interface CapitalisationThresholds {
  general: Decimal;
  special: Decimal;
}

export interface PurchaseLine {
  lineNo: number;
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
}

export interface CapitalisedItem extends PurchaseLine {
  category: AssetCategory;
}

/** The kind of fixed asset an expense account buys (its detail accounts too), or null when it buys none. */
export function assetCategory(expenseAccount: string): AssetCategory | null {
  return CATEGORY_OF_ACCOUNT[expenseAccount.slice(0, 5)] ?? null;
}

/**
 * The lines of a purchase that enter the books as fixed assets: each line whose unit price is at or above
 * its kind's threshold (buildings always; every line when `bulk`); none when the account buys no assets.
 */
export function capitalisation(expenseAccount: string, lines: readonly PurchaseLine[], thresholds: CapitalisationThresholds, bulk = false): CapitalisedItem[] {
  const category = assetCategory(expenseAccount);
  if (!category) return [];
  const threshold = category === 'special' ? thresholds.special : thresholds.general;
  return lines
    .filter((l) => bulk || category === 'building' || l.unitPrice.gte(threshold))
    .map((l) => ({ lineNo: l.lineNo, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount, category }));
}

/** Total of the capitalised items: the amount of the Dr 162 / Cr 30104 entry. */
export function capitalisedTotal(items: readonly CapitalisedItem[]): Decimal {
  return sum(items.map((i) => i.amount));
}

/** How an item is named on the voucher line that enters it: 笔记本电脑 2 × 5,000.00. */
export function itemSummary(item: CapitalisedItem): string {
  return `${item.description} ${item.quantity.toString()} × ${formatAmount(item.unitPrice)}`;
}

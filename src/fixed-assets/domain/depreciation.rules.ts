import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { periodCount, periodOfDate } from '../../common/period';

export type AssetCategory = 'general' | 'special';
export type AssetStatus = 'active' | 'disposed' | 'cancelled';

/** What depreciation needs to know of a card (固定资产卡片). */
export interface AssetForDepreciation {
  cost: Decimal;
  usefulLifeMonths: number;
  acquisitionDate: string;
  status: AssetStatus;
  /** Depreciation recorded so far, including what was accumulated before the books began (opening assets). */
  accumulated: Decimal;
  /** The latest month depreciated in these books. */
  lastDepreciated: number | null;
}

/**
 * 第三十五条: straight line, no residual value, monthly; an asset is depreciated from the month it is
 * acquired (当月增加的固定资产，当月计提折旧) until fully depreciated, never in or after the month it leaves
 * (当月减少的固定资产，当月不再计提折旧 — a disposed card is no longer active). The monthly amount is cost ÷
 * useful life rounded to the fen; the last month takes what is left, so the total is exactly the cost.
 * Returns the amount for `period`, or zero.
 */
export function depreciationFor(asset: AssetForDepreciation, period: number): Decimal {
  if (asset.status !== 'active' || periodOfDate(asset.acquisitionDate) > period) return ZERO;
  if (asset.lastDepreciated !== null && asset.lastDepreciated >= period) return ZERO;
  const remaining = asset.cost.minus(asset.accumulated);
  if (!remaining.gt(0)) return ZERO;
  // the last month of its useful life (counted from acquisition) takes whatever is left
  if (periodCount(periodOfDate(asset.acquisitionDate), period) >= asset.usefulLifeMonths) return remaining;
  const monthly = asset.cost.dividedBy(asset.usefulLifeMonths).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return Decimal.min(monthly, remaining);
}

/** Net book value and what depreciation has taken. */
export function bookValue(asset: Pick<AssetForDepreciation, 'cost' | 'accumulated'>): Decimal {
  return asset.cost.minus(asset.accumulated);
}

/**
 * 第三十二条 categories: 专用设备 (special equipment) is bought on 50703 专用设备购置; everything else a union
 * capitalises (buildings, office equipment, vehicles, IT) is general.
 */
export function categoryOfExpense(expenseAccount: string): AssetCategory {
  return expenseAccount.startsWith('50703') ? 'special' : 'general';
}

/**
 * Default useful life by what was bought, at the minimums of 附录2 工会固定资产折旧年限表 (房屋 ≥ 30–50 年, 办公
 * 设备和计算机 ≥ 6 年, 车辆 ≥ 8 年, 专用设备 5–15 年 → 10); the accountant corrects it on the card before its
 * first depreciation.
 */
export function defaultUsefulLifeMonths(expenseAccount: string): number {
  const years: [string, number][] = [
    ['50701', 50],
    ['50702', 6],
    ['50703', 10],
    ['50704', 8],
    ['50706', 6],
  ];
  return (years.find(([prefix]) => expenseAccount.startsWith(prefix))?.[1] ?? 6) * 12;
}

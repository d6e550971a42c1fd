import { VoucherSource } from './voucher-type';

/**
 * The sub-accounts of 321 工会资金结转 and 322 工会资金结余 (工会会计制度 科目321/322) that closing fills
 * and empties. Restricted (专项) money lives in 321, unrestricted in 322.
 */
export const NET_ASSET_ACCOUNTS = {
  /** 321 工会资金结转—年初余额调整 */
  restrictedAdjustment: '32101',
  /** 321—单位内部调剂 */
  restrictedInternal: '32102',
  /** 321—本年收支结转 */
  restrictedCurrent: '32103',
  /** 321—累计结转 */
  restrictedAccumulated: '32104',
  /** 322 工会资金结余—年初余额调整 */
  unrestrictedAdjustment: '32201',
  /** 322—单位内部调剂 */
  unrestrictedInternal: '32202',
  /** 322—本年收支结转 */
  unrestrictedCurrent: '32203',
  /** 322—结转转入 */
  transferredIn: '32204',
  /** 322—累计结余 */
  unrestrictedAccumulated: '32205',
} as const;

const A = NET_ASSET_ACCOUNTS;
/** Written only by the closing process. */
const CLOSING_ONLY = [A.restrictedCurrent, A.unrestrictedCurrent, A.restrictedAccumulated, A.transferredIn] as const;
/** Written only by prior-year corrections (and emptied by the year-end closing). */
const ADJUSTMENT = [A.restrictedAdjustment, A.unrestrictedAdjustment] as const;

/** Every sub-account closing posts to by its code: none of them may get detail accounts. */
export const CLOSING_POSTED = Object.values(NET_ASSET_ACCOUNTS) as readonly string[];

const under = (code: string, roots: readonly string[]) => roots.some((r) => code.startsWith(r));

/**
 * Why a line on this account may not come from a voucher of this source, or null. The database refuses the
 * same (UL010); this is the clerk's message.
 */
export function guardedAccountProblem(code: string, source: VoucherSource): string | null {
  if (under(code, CLOSING_ONLY) && source !== 'closing') {
    return `科目 ${code} 只能由期末结转、年终结转自动生成的凭证记入`;
  }
  if (under(code, ADJUSTMENT) && source !== 'closing' && source !== 'correction') {
    return `科目 ${code} 年初余额调整 只用于以前年度调整（凭证标记为“以前年度调整”）`;
  }
  return null;
}

/** 年初余额调整 of the fund a prior-year income or expense line belonged to. */
export function adjustmentAccountOf(fundType: 'restricted' | 'unrestricted'): string {
  return fundType === 'restricted' ? A.restrictedAdjustment : A.unrestrictedAdjustment;
}

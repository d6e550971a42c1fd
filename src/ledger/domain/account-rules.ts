import { LedgerError } from '../ledger.errors';

export const AccountCategories = ['asset', 'liability', 'net_assets', 'income', 'expense'] as const;
export type AccountCategory = (typeof AccountCategories)[number];
export type NormalSide = 'debit' | 'credit';
export const FundTypes = ['restricted', 'unrestricted'] as const;
/** 专项 (restricted) or 非专项 (unrestricted): drives period-end closing into 321 or 322. */
export type FundType = (typeof FundTypes)[number];

export const MAX_ACCOUNT_LEVEL = 4;
/** Level-1 codes have 3 digits; each detail level appends 2 (101 → 10101 → 1010101 → 101010101). */
export const ACCOUNT_CODE_PATTERN = /^\d{3}(\d{2}){0,3}$/;

export function levelOfCode(code: string): number {
  return (code.length - 1) / 2;
}

export function parentCodeOf(code: string): string | null {
  return code.length <= 3 ? null : code.slice(0, -2);
}

/** Checks a proposed detail account code against its parent (code = parent code + 2 digits, ≤ 4 levels). */
export function assertChildCode(parentCode: string, code: string): void {
  if (!ACCOUNT_CODE_PATTERN.test(code) || parentCodeOf(code) !== parentCode) {
    throw new LedgerError('ACCOUNT_CODE_INVALID', `明细科目编码应为上级科目编码 ${parentCode} 后加两位数字`, {
      parentCode,
      code,
    });
  }
  if (code.endsWith('00')) {
    throw new LedgerError('ACCOUNT_CODE_INVALID', `明细科目编码末两位不能为 00`, { code });
  }
  if (levelOfCode(code) > MAX_ACCOUNT_LEVEL) {
    throw new LedgerError('ACCOUNT_LEVEL_EXCEEDED', `科目最多 ${MAX_ACCOUNT_LEVEL} 级`, { code });
  }
}

/** Cash (101) and bank (102) accounts and their details: what receipt and payment vouchers must touch. */
export function isCashOrBank(code: string): boolean {
  return code.startsWith('101') || code.startsWith('102');
}

export function carriesFundType(category: AccountCategory): boolean {
  return category === 'income' || category === 'expense';
}

/**
 * Fund types follow the chart, not only the line (brief §2.5): all of 401 会费收入 and 40301 一般性转移支付补助
 * are unrestricted, 40302 专项转移支付补助 is restricted (and so names its project). Elsewhere the line says.
 */
export function isAlwaysUnrestricted(code: string): boolean {
  return code.startsWith('401') || code.startsWith('40301');
}

export function isAlwaysRestricted(code: string): boolean {
  return code.startsWith('40302');
}

/** The fund type a line gets when it names none: restricted where the chart says so, else unrestricted. */
export function defaultFundType(code: string): FundType {
  return isAlwaysRestricted(code) ? 'restricted' : 'unrestricted';
}

/** The national chart's level-1 codes start with the element: 1 资产, 2 负债, 3 净资产, 4 收入, 5 支出. */
export function categoryOfCode(code: string): AccountCategory {
  return ({ '1': 'asset', '2': 'liability', '3': 'net_assets', '4': 'income', '5': 'expense' } as const)[code[0] as '1'] ?? 'asset';
}

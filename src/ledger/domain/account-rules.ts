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

/** 401 会费收入 is always unrestricted (工会会计制度 科目401; brief §2.5). */
export function isAlwaysUnrestricted(code: string): boolean {
  return code.startsWith('401');
}

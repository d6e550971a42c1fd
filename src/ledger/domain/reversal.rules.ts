import { LedgerError } from '../ledger.errors';
import { carriesFundType, categoryOfCode, defaultFundType } from './account-rules';
import { adjustmentAccountOf } from './closing-accounts';
import { VoucherInput, VoucherLineInput } from './voucher.rules';
import { VoucherSource, VoucherType } from './voucher-type';

export interface PostedVoucherView {
  date: string;
  type: VoucherType;
  red: boolean;
  displayNumber: string;
  source: VoucherSource;
  lines: readonly VoucherLineInput[];
}

/**
 * 红字冲销: the same accounts and sides with every amount negated, so the pair nets to nothing on every
 * account while both stay in the books. Dated on or after the original, in an open period.
 *
 * Dated in a later year than the original, the reversal corrects a year whose result has been (or will be)
 * closed into net assets: its income and expense lines go to 年初余额调整 of their fund instead (32101 with
 * the project for restricted money, 32201 for unrestricted; brief §2.5 item 5, §7.1), and it becomes a
 * prior-year correction. Closing and fixed-asset vouchers are undone by reopening the month or through the
 * asset register, never by hand.
 */
export function buildReversal(original: PostedVoucherView, date: string): VoucherInput {
  if (original.source === 'closing' || original.source === 'asset') {
    throw new LedgerError(
      'VOUCHER_IS_CLOSING',
      original.source === 'closing' ? '结转凭证由结账自动生成，不能手工冲销；如需更正请反结账' : '折旧、处置凭证由固定资产卡片生成，不能手工冲销',
    );
  }
  if (date < original.date) {
    throw new LedgerError('REVERSAL_DATE_INVALID', `冲销凭证日期不能早于原凭证日期 ${original.date}`, {
      originalDate: original.date,
      date,
    });
  }
  const priorYear = date.slice(0, 4) > original.date.slice(0, 4);
  const copy = redCopy(original, date, priorYear ? `冲销 ${original.displayNumber} 号凭证（以前年度调整）` : undefined);
  return {
    ...copy,
    source: priorYear || original.source === 'correction' ? 'correction' : 'reversal',
    lines: priorYear ? copy.lines.map(toAdjustment) : copy.lines,
  };
}

/**
 * The red-ink copy itself, of the original's source: what the system posts when it undoes its own voucher
 * (a reopened month's closing entries).
 */
export function redCopy(original: PostedVoucherView, date: string, summary = `冲销 ${original.displayNumber} 号凭证`): VoucherInput {
  return {
    date,
    type: original.type,
    red: !original.red,
    attachmentCount: 0,
    source: original.source,
    lines: original.lines.map((line) => ({ ...line, summary, amount: line.amount.negated() })),
  };
}

/** An income or expense line of a prior year, moved to 年初余额调整 of its fund. */
function toAdjustment(line: VoucherLineInput): VoucherLineInput {
  if (!carriesFundType(categoryOfCode(line.accountCode))) return line;
  const fundType = line.fundType ?? defaultFundType(line.accountCode);
  return {
    ...line,
    accountCode: adjustmentAccountOf(fundType),
    projectCode: fundType === 'restricted' ? line.projectCode : null,
    fundType: null,
  };
}

import { LedgerError } from '../ledger.errors';
import { VoucherInput, VoucherLineInput } from './voucher.rules';
import { VoucherType } from './voucher-type';

export interface PostedVoucherView {
  date: string;
  type: VoucherType;
  red: boolean;
  displayNumber: string;
  lines: readonly VoucherLineInput[];
}

/**
 * 红字冲销: the same accounts and sides with every amount negated, so the pair nets to nothing on every
 * account while both stay in the books. Dated on or after the original, in an open period.
 */
export function buildReversal(original: PostedVoucherView, date: string): VoucherInput {
  if (date < original.date) {
    throw new LedgerError('REVERSAL_DATE_INVALID', `冲销凭证日期不能早于原凭证日期 ${original.date}`, {
      originalDate: original.date,
      date,
    });
  }
  const summary = `冲销 ${original.displayNumber} 号凭证`;
  return {
    date,
    type: original.type,
    red: !original.red,
    attachmentCount: 0,
    lines: original.lines.map((line) => ({ ...line, summary, amount: line.amount.negated() })),
  };
}

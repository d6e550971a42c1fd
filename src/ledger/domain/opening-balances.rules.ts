import Decimal from 'decimal.js';
import { formatAmount, ZERO } from '../../common/money/amount';
import { LedgerError } from '../ledger.errors';
import { AccountView, Side } from './voucher.rules';

export interface OpeningLineInput {
  accountCode: string;
  side: Side;
  amount: Decimal;
}

/**
 * 期初余额: one entry per active leaf account, positive amounts on either side, Σdebit = Σcredit.
 * Returns the signed (debit-positive) amount per account.
 */
export function validateOpeningBalances(
  lines: readonly OpeningLineInput[],
  accounts: ReadonlyMap<string, AccountView>,
): Map<string, Decimal> {
  const seen = new Map<string, Decimal>();
  let debit = ZERO;
  let credit = ZERO;
  lines.forEach((line, i) => {
    const at = `第 ${i + 1} 行`;
    const account = accounts.get(line.accountCode);
    if (!account) throw new LedgerError('ACCOUNT_NOT_FOUND', `${at}：科目 ${line.accountCode} 不存在`);
    if (!account.isLeaf) {
      throw new LedgerError('ACCOUNT_NOT_LEAF', `${at}：期初余额只能录入末级科目，${account.code} ${account.name} 有下级科目`);
    }
    if (!account.isActive) throw new LedgerError('ACCOUNT_INACTIVE', `${at}：科目 ${account.code} ${account.name} 已停用`);
    if (!line.amount.gt(0)) throw new LedgerError('AMOUNT_SIGN_INVALID', `${at}：期初余额金额必须大于零`);
    if (seen.has(line.accountCode)) {
      throw new LedgerError('OPENING_BALANCE_DUPLICATE', `${at}：科目 ${line.accountCode} 重复录入`);
    }
    if (line.side === 'debit') debit = debit.plus(line.amount);
    else credit = credit.plus(line.amount);
    seen.set(line.accountCode, line.side === 'debit' ? line.amount : line.amount.negated());
  });
  if (!debit.equals(credit)) {
    throw new LedgerError(
      'OPENING_BALANCES_UNBALANCED',
      `期初余额不平衡：借方合计 ${formatAmount(debit)}，贷方合计 ${formatAmount(credit)}`,
      { debit: formatAmount(debit), credit: formatAmount(credit) },
    );
  }
  return seen;
}

import Decimal from 'decimal.js';
import { formatAmount, ZERO } from '../../common/money/amount';
import { LedgerError } from '../ledger.errors';
import { carriesFundType, isAlwaysRestricted, isAlwaysUnrestricted } from './account-rules';
import { AccountView, Side } from './voucher.rules';

export interface OpeningLineInput {
  accountCode: string;
  side: Side;
  amount: Decimal;
  projectCode?: string | null;
}

export interface OpeningAmount {
  accountCode: string;
  projectCode: string | null;
  /** Signed, debit-positive. */
  amount: Decimal;
}

/** 321 工会资金结转 holds restricted money, which belongs to projects; so do restricted income and expense. */
const PROJECT_ROOTS = ['321'];

/**
 * 期初余额: one entry per active leaf account (per project where the money is a project's: the 321
 * sub-accounts, and restricted income and expense of a union joining mid-year), positive amounts on either
 * side, Σdebit = Σcredit. Returns the signed (debit-positive) amounts.
 */
export function validateOpeningBalances(
  lines: readonly OpeningLineInput[],
  accounts: ReadonlyMap<string, AccountView>,
  projects: ReadonlyMap<string, { isActive: boolean }> = new Map(),
): OpeningAmount[] {
  const seen = new Set<string>();
  const out: OpeningAmount[] = [];
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
    const project = line.projectCode ?? null;
    checkProject(at, account, project, projects);
    const key = `${line.accountCode}|${project ?? ''}`;
    if (seen.has(key)) {
      throw new LedgerError('OPENING_BALANCE_DUPLICATE', `${at}：科目 ${line.accountCode}${project ? ` 项目 ${project}` : ''} 重复录入`);
    }
    seen.add(key);
    if (line.side === 'debit') debit = debit.plus(line.amount);
    else credit = credit.plus(line.amount);
    out.push({ accountCode: line.accountCode, projectCode: project, amount: line.side === 'debit' ? line.amount : line.amount.negated() });
  });
  if (!debit.equals(credit)) {
    throw new LedgerError(
      'OPENING_BALANCES_UNBALANCED',
      `期初余额不平衡：借方合计 ${formatAmount(debit)}，贷方合计 ${formatAmount(credit)}`,
      { debit: formatAmount(debit), credit: formatAmount(credit) },
    );
  }
  return out;
}

function checkProject(at: string, account: AccountView, project: string | null, projects: ReadonlyMap<string, { isActive: boolean }>): void {
  const byProject = carriesFundType(account.category) || PROJECT_ROOTS.some((r) => account.code.startsWith(r));
  if (project === null) {
    if (isAlwaysRestricted(account.code)) throw new LedgerError('PROJECT_REQUIRED', `${at}：专项资金的期初余额须注明项目`);
    return;
  }
  if (!byProject) {
    throw new LedgerError('FUND_TYPE_NOT_APPLICABLE', `${at}：只有 321 工会资金结转的明细科目和收入、支出科目的期初余额按项目录入`);
  }
  if (isAlwaysUnrestricted(account.code)) {
    throw new LedgerError('FUND_TYPE_INVALID', `${at}：会费收入和一般性转移支付补助一律为非专项资金，不按项目录入`);
  }
  const p = projects.get(project);
  if (!p || !p.isActive) throw new LedgerError('PROJECT_NOT_FOUND', `${at}：项目 ${project} 不存在或已停用`);
}

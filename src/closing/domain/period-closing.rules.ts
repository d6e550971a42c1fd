import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { formatPeriod } from '../../common/period';
import { FundType } from '../../ledger/domain/account-rules';
import { NET_ASSET_ACCOUNTS } from '../../ledger/domain/closing-accounts';
import { Side, VoucherLineInput } from '../../ledger/domain/voucher.rules';

/** What an income or expense account still holds for one project and fund type (debit-positive). */
export interface UnclosedBalance {
  accountCode: string;
  category: 'income' | 'expense';
  projectCode: string | null;
  fundType: FundType;
  balance: Decimal;
}

const LABEL = { income: '收入', expense: '支出' } as const;

/**
 * 期末结转 (brief §2.5 items 1–2): every income and expense balance, per project and fund type, emptied into
 * 本年收支结转 — restricted money into 32103 (per project), unrestricted (all of 401 and 40301 among it) into
 * 32203. Each balance gets the line that zeroes it; each (target, project, income|expense) group one
 * counter line for its net. An empty set of balances gives no lines (no voucher).
 */
export function periodClosingLines(period: number, balances: readonly UnclosedBalance[]): VoucherLineInput[] {
  const lines: VoucherLineInput[] = [];
  for (const category of ['income', 'expense'] as const) {
    const groups = new Map<string, { target: string; projectCode: string | null; fundType: FundType; items: UnclosedBalance[] }>();
    for (const b of balances) {
      if (b.category !== category || b.balance.isZero()) continue;
      const restricted = b.fundType === 'restricted';
      const target = restricted ? NET_ASSET_ACCOUNTS.restrictedCurrent : NET_ASSET_ACCOUNTS.unrestrictedCurrent;
      const projectCode = restricted ? b.projectCode : null;
      const key = `${target}|${projectCode ?? ''}`;
      const group = groups.get(key) ?? { target, projectCode, fundType: b.fundType, items: [] };
      group.items.push(b);
      groups.set(key, group);
    }
    for (const group of [...groups.values()].sort((a, b) => (a.target + (a.projectCode ?? '')).localeCompare(b.target + (b.projectCode ?? '')))) {
      const fund = group.fundType === 'restricted' ? `专项${group.projectCode ? `（${group.projectCode}）` : ''}` : '非专项';
      const summary = `期末结转 ${formatPeriod(period)} ${fund}${LABEL[category]}`;
      let net = ZERO;
      for (const b of [...group.items].sort((x, y) => x.accountCode.localeCompare(y.accountCode) || (x.projectCode ?? '').localeCompare(y.projectCode ?? ''))) {
        net = net.plus(b.balance);
        lines.push(line(summary, b.accountCode, b.balance.gt(0) ? 'credit' : 'debit', b.balance.abs(), b.projectCode, b.fundType));
      }
      if (!net.isZero()) lines.push(line(summary, group.target, net.gt(0) ? 'debit' : 'credit', net.abs(), group.projectCode, null));
    }
  }
  return lines;
}

function line(summary: string, accountCode: string, side: Side, amount: Decimal, projectCode: string | null, fundType: FundType | null): VoucherLineInput {
  return { summary, accountCode, side, amount, projectCode, fundType };
}

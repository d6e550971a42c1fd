import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { assign, BudgetLine, FigureRow, lineFor } from './budget.rules';

export interface ExecutionRow {
  accountCode: string;
  projectCode: string | null;
  kind: 'income' | 'expense';
  budget: Decimal;
  /** Posted per month, January first (months after `through` are zero). */
  months: Decimal[];
  actual: Decimal;
  /** Expense: approved claims not yet paid. Income: zero. */
  reserved: Decimal;
  /** budget − actual − reserved. */
  remaining: Decimal;
  /** (actual + reserved) ÷ budget in percent, one decimal; null without a budget. */
  percentUsed: string | null;
}

/**
 * 预算执行: per budget line, the year's postings month by month up to `through` (yyyymm), what approved
 * claims hold, what is left and how much is used. Postings on accounts no line covers are listed as
 * unbudgeted lines of budget zero.
 */
export function execution(
  lines: readonly BudgetLine[],
  actuals: readonly (FigureRow & { period: number })[],
  reserved: readonly FigureRow[],
  through: number,
): ExecutionRow[] {
  const inRange = actuals.filter((a) => a.period <= through);
  const extra: BudgetLine[] = [];
  for (const a of inRange) {
    if (lineFor(lines, a.accountCode, a.projectCode) >= 0 || lineFor(extra, a.accountCode, a.projectCode) >= 0) continue;
    extra.push({ accountCode: a.accountCode, projectCode: a.projectCode, amount: ZERO });
  }
  const all = [...lines, ...extra];
  const months = all.map(() => Array.from({ length: 12 }, () => ZERO));
  for (const a of inRange) {
    const i = lineFor(all, a.accountCode, a.projectCode);
    months[i][(a.period % 100) - 1] = months[i][(a.period % 100) - 1].plus(a.amount);
  }
  const held = assign(all, reserved.filter((r) => r.accountCode.startsWith('5'))).perLine;
  return all.map((l, i) => {
    const actual = months[i].reduce((acc, m) => acc.plus(m), ZERO);
    const used = actual.plus(held[i]);
    return {
      accountCode: l.accountCode,
      projectCode: l.projectCode,
      kind: l.accountCode.startsWith('4') ? 'income' : 'expense',
      budget: l.amount,
      months: months[i],
      actual,
      reserved: held[i],
      remaining: l.amount.minus(used),
      percentUsed: l.amount.isZero() ? null : used.dividedBy(l.amount).times(100).toFixed(1),
    };
  });
}

import Decimal from 'decimal.js';
import { formatAmount, ZERO } from '../../common/money/amount';

export type BudgetControl = 'off' | 'warn' | 'block';

/** A line of an approved budget: an income or expense account (level 1 or 2), with a project where restricted. */
export interface BudgetLine {
  accountCode: string;
  projectCode: string | null;
  amount: Decimal;
}

/** Posted or reserved figures of one leaf account and project. */
export interface FigureRow {
  accountCode: string;
  projectCode: string | null;
  amount: Decimal;
}

/**
 * The budget line a leaf account and project fall under: the longest account code that is a prefix of the
 * account, a line naming the project before one without a project. A project nobody budgeted for falls
 * under the account's line without a project. Returns the index, or -1.
 */
export function lineFor(lines: readonly BudgetLine[], accountCode: string, projectCode: string | null): number {
  let best = -1;
  let bestScore = -1;
  lines.forEach((l, i) => {
    if (!accountCode.startsWith(l.accountCode)) return;
    if (l.projectCode !== null && l.projectCode !== projectCode) return;
    const score = l.accountCode.length * 2 + (l.projectCode !== null ? 1 : 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** Figures added up per budget line (what falls under no line is returned apart). */
export function assign(lines: readonly BudgetLine[], rows: readonly FigureRow[]): { perLine: Decimal[]; unbudgeted: FigureRow[] } {
  const perLine = lines.map(() => ZERO);
  const unbudgeted: FigureRow[] = [];
  for (const r of rows) {
    const i = lineFor(lines, r.accountCode, r.projectCode);
    if (i < 0) unbudgeted.push(r);
    else perLine[i] = perLine[i].plus(r.amount);
  }
  return { perLine, unbudgeted };
}

export interface BudgetCheck {
  control: BudgetControl;
  /** The line the spending falls under (null: no approved budget, or no line for the account). */
  line: { accountCode: string; projectCode: string | null } | null;
  budget: Decimal;
  actual: Decimal;
  reserved: Decimal;
  available: Decimal;
  amount: Decimal;
  exceeded: boolean;
  message: string;
}

/**
 * Whether spending `amount` on a leaf account (and project) stays within the approved budget: budget − posted
 * spending of the year − what other approved claims have reserved. Spending nobody budgeted for has a
 * budget of zero (无预算不支出).
 */
export function checkSpending(
  control: BudgetControl,
  budget: { lines: readonly BudgetLine[] } | null,
  claim: { accountCode: string; projectCode: string | null; amount: Decimal },
  actual: readonly FigureRow[],
  reserved: readonly FigureRow[],
): BudgetCheck {
  const i = budget ? lineFor(budget.lines, claim.accountCode, claim.projectCode) : -1;
  const line = i >= 0 ? budget!.lines[i] : null;
  const sumUnder = (rows: readonly FigureRow[]) =>
    line ? rows.filter((r) => lineFor(budget!.lines, r.accountCode, r.projectCode) === i).reduce((acc, r) => acc.plus(r.amount), ZERO) : ZERO;
  const total = line?.amount ?? ZERO;
  const spent = sumUnder(actual);
  const held = sumUnder(reserved);
  const available = total.minus(spent).minus(held);
  const exceeded = claim.amount.gt(available);
  const where = line ? `预算科目 ${line.accountCode}${line.projectCode ? `（项目 ${line.projectCode}）` : ''}` : '本年度预算';
  const message = !budget
    ? `本年度预算尚未批准，支出 ${formatAmount(claim.amount)} 元无预算`
    : !line
      ? `科目 ${claim.accountCode} 未列入本年度预算，支出 ${formatAmount(claim.amount)} 元无预算`
      : exceeded
        ? `${where}：预算 ${formatAmount(total)} 元，已支出 ${formatAmount(spent)} 元，已审批待支付 ${formatAmount(held)} 元，可用 ${formatAmount(available)} 元，本笔 ${formatAmount(claim.amount)} 元超出预算`
        : `${where}：预算 ${formatAmount(total)} 元，本笔后尚余 ${formatAmount(available.minus(claim.amount))} 元`;
  return {
    control,
    line: line && { accountCode: line.accountCode, projectCode: line.projectCode },
    budget: total,
    actual: spent,
    reserved: held,
    available,
    amount: claim.amount,
    exceeded,
    message,
  };
}

/**
 * A budget's lines: income and expense accounts of level 1 or 2 of the union's chart, amounts ≥ 0, a
 * project only on a restricted line, each account (and project) once.
 */
export function validateBudgetLines(
  lines: readonly BudgetLine[],
  accounts: ReadonlyMap<string, { category: string; level: number }>,
  projects: ReadonlySet<string>,
): { code: 'BUDGET_LINE_INVALID'; message: string } | null {
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    const at = `第 ${i + 1} 行`;
    const a = accounts.get(l.accountCode);
    if (!a) return { code: 'BUDGET_LINE_INVALID', message: `${at}：科目 ${l.accountCode} 不存在` };
    if (a.category !== 'income' && a.category !== 'expense') return { code: 'BUDGET_LINE_INVALID', message: `${at}：预算只编列收入、支出科目` };
    if (a.level > 2) return { code: 'BUDGET_LINE_INVALID', message: `${at}：预算按一级或二级科目编列` };
    if (l.projectCode !== null && !projects.has(l.projectCode)) return { code: 'BUDGET_LINE_INVALID', message: `${at}：项目 ${l.projectCode} 不存在` };
    if (l.amount.lt(0)) return { code: 'BUDGET_LINE_INVALID', message: `${at}：预算金额不能为负数` };
    const key = `${l.accountCode}|${l.projectCode ?? ''}`;
    if (seen.has(key)) return { code: 'BUDGET_LINE_INVALID', message: `${at}：科目 ${l.accountCode}${l.projectCode ? ` 项目 ${l.projectCode}` : ''} 重复` };
    seen.add(key);
  }
  return null;
}

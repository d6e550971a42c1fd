import Decimal from 'decimal.js';
import { parseAmountInput } from '../../money/amount-input';

/**
 * A budget's lines as entered, pure and decimal: one amount per income or expense account (level 1 or 2),
 * per project where the money is restricted. The totals are shown while typing; the server's are shown once
 * saved.
 */
export interface BudgetRow {
  account: string;
  project: string;
  amount: string;
}

export const emptyBudgetRow = (): BudgetRow => ({ account: '', project: '', amount: '' });

export interface BudgetCheck {
  income: string;
  expense: string;
  problems: string[];
}

const blank = (r: BudgetRow) => !r.account.trim() && !r.amount.trim();

/** `kindOf` says whether an account is income or expense (from the chart). */
export function checkBudget(rows: BudgetRow[], kindOf: (account: string) => 'income' | 'expense' | undefined): BudgetCheck {
  let income = new Decimal(0);
  let expense = new Decimal(0);
  const problems: string[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (blank(r)) return;
    const n = i + 1;
    const kind = kindOf(r.account.trim());
    if (!r.account.trim()) problems.push(`第 ${n} 行请选择科目`);
    else if (!kind) problems.push(`第 ${n} 行只能编列收入或支出科目`);
    const amount = parseAmountInput(r.amount);
    if (amount === null) problems.push(`第 ${n} 行预算金额格式不正确（最多两位小数）`);
    else if (kind === 'income') income = income.plus(amount);
    else if (kind === 'expense') expense = expense.plus(amount);
    const key = `${r.account.trim()}|${r.project.trim()}`;
    if (seen.has(key)) problems.push(`第 ${n} 行科目${r.project.trim() ? '、项目' : ''}重复`);
    seen.add(key);
  });
  return { income: income.toFixed(2), expense: expense.toFixed(2), problems };
}

export function budgetRequest(rows: BudgetRow[]): { account: string; project?: string; amount: string }[] {
  return rows
    .filter((r) => !blank(r))
    .map((r) => ({ account: r.account.trim(), ...(r.project.trim() ? { project: r.project.trim() } : {}), amount: parseAmountInput(r.amount) ?? r.amount.trim() }));
}

/** "62.5" → 62.5 for a progress bar's width only (a percentage, not money); over 100 is capped for the bar. */
export function percentForBar(percent: string | null): number {
  if (percent === null) return 0;
  const p = new Decimal(percent);
  return p.gt(100) ? 100 : p.lt(0) ? 0 : p.toDecimalPlaces(1).toNumber();
}

/** More spent (with what is reserved) than budgeted. */
export function overBudget(percent: string | null): boolean {
  return percent !== null && new Decimal(percent).gt(100);
}

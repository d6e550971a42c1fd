import { parseAmountInput } from '../../money/amount-input';
import { balanceOf, type GridBalance } from './voucher-balance';

/**
 * 期初余额 as entered, pure and decimal: one row per leaf account (per project where the money is a project's),
 * a positive amount on one side. The totals and 借贷平衡 use the voucher grid's own decimal arithmetic; the
 * server checks everything again and its totals are the ones shown once saved.
 */
export interface OpeningRow {
  account: string;
  project: string;
  debit: string;
  credit: string;
}

export const emptyRow = (): OpeningRow => ({ account: '', project: '', debit: '', credit: '' });

const blank = (r: OpeningRow) => !r.account.trim() && !r.debit.trim() && !r.credit.trim();

export function openingBalance(rows: OpeningRow[]): GridBalance {
  const b = balanceOf(rows.map((r) => ({ summary: '期初余额', account: r.account, debit: r.debit, credit: r.credit })));
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    if (blank(r)) return;
    const key = `${r.account.trim()}|${r.project.trim()}`;
    const first = seen.get(key);
    if (first !== undefined) b.problems.push({ line: i + 1, field: 'account', message: `第 ${i + 1} 行与第 ${first} 行科目${r.project.trim() ? '、项目' : ''}相同，请合并为一行` });
    else seen.set(key, i + 1);
  });
  return b;
}

/** The rows as the API takes them: blank rows dropped, amounts canonical, the project only where given. */
export function openingRequest(rows: OpeningRow[]): { account: string; project?: string; debit?: string; credit?: string }[] {
  return rows.filter((r) => !blank(r)).map((r) => ({
    account: r.account.trim(),
    ...(r.project.trim() ? { project: r.project.trim() } : {}),
    ...(r.debit.trim() ? { debit: parseAmountInput(r.debit) ?? r.debit.trim() } : {}),
    ...(r.credit.trim() ? { credit: parseAmountInput(r.credit) ?? r.credit.trim() } : {}),
  }));
}

/** What the server holds, as rows to edit. */
export function rowsFrom(lines: { account: string; project: string | null; debit: string | null; credit: string | null }[]): OpeningRow[] {
  return lines.map((l) => ({ account: l.account, project: l.project ?? '', debit: l.debit ?? '', credit: l.credit ?? '' }));
}

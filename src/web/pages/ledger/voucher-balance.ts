import Decimal from 'decimal.js';
import { amountInWords } from '../../../common/money/amount-in-words';
import { parseAmountInput } from '../../money/amount-input';

/**
 * The voucher grid's arithmetic, pure and decimal (never a JS number): what the 借贷平衡 indicator shows, the
 * 摘要 carried down, the "=" key's balancing figure, and the lines sent to the API. The server checks
 * everything again; this only lets the accountant see it while typing.
 */
export interface GridLine {
  summary: string;
  account: string;
  debit: string;
  credit: string;
}

export interface GridProblem {
  line: number;
  field: 'debit' | 'credit' | 'account' | 'summary';
  message: string;
}

export interface GridBalance {
  debit: string;
  credit: string;
  /** debit − credit */
  difference: string;
  balanced: boolean;
  /** 大写 of the total, once balanced and not zero */
  words: string | null;
  problems: GridProblem[];
}

export const emptyLine = (): GridLine => ({ summary: '', account: '', debit: '', credit: '' });

/** A row nobody has started: left out of the voucher and of the checks. */
export function isBlank(line: GridLine): boolean {
  return !line.account.trim() && !line.debit.trim() && !line.credit.trim();
}

/** Totals and problems of what is typed so far; `red` vouchers carry negative amounts. */
export function balanceOf(lines: GridLine[], red = false): GridBalance {
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  const problems: GridProblem[] = [];
  lines.forEach((line, i) => {
    if (isBlank(line)) return;
    const n = i + 1;
    for (const side of ['debit', 'credit'] as const) {
      const text = line[side].trim();
      if (!text) continue;
      const amount = parseAmountInput(text, { allowNegative: true });
      if (amount === null) {
        problems.push({ line: n, field: side, message: `第 ${n} 行${side === 'debit' ? '借方' : '贷方'}金额格式不正确（最多两位小数）` });
        continue;
      }
      const value = new Decimal(amount);
      if (value.isZero() || value.isNegative() !== red) {
        problems.push({ line: n, field: side, message: red ? `第 ${n} 行红字凭证金额应为负数` : `第 ${n} 行金额应大于零` });
      }
      if (side === 'debit') debit = debit.plus(value);
      else credit = credit.plus(value);
    }
    if (line.debit.trim() && line.credit.trim()) problems.push({ line: n, field: 'credit', message: `第 ${n} 行借方、贷方只能填一方` });
    if (!line.debit.trim() && !line.credit.trim()) problems.push({ line: n, field: 'debit', message: `第 ${n} 行请填写借方或贷方金额` });
    if (!line.account.trim()) problems.push({ line: n, field: 'account', message: `第 ${n} 行请选择科目` });
  });
  const difference = debit.minus(credit);
  const balanced = difference.isZero() && !debit.isZero();
  return {
    debit: debit.toFixed(2),
    credit: credit.toFixed(2),
    difference: difference.toFixed(2),
    balanced,
    words: balanced ? amountInWords(debit) : null,
    problems,
  };
}

/** 摘要 for line i: its own, or (left empty) the nearest one above — as Chinese accounting software carries it down. */
export function summaryFor(lines: GridLine[], i: number): string {
  for (let j = i; j >= 0; j--) {
    const s = lines[j]?.summary.trim();
    if (s) return s;
  }
  return '';
}

/**
 * The "=" key in an amount cell: the figure on that side that balances the voucher, counting every other
 * line. Null when the rest already balances or a figure elsewhere is unreadable.
 */
export function balancingAmount(lines: GridLine[], i: number, side: 'debit' | 'credit'): string | null {
  const others = lines.map((l, j) => (j === i ? emptyLine() : l));
  const b = balanceOf(others);
  if (b.problems.some((p) => p.field === 'debit' || p.field === 'credit')) return null;
  const need = side === 'debit' ? new Decimal(b.credit).minus(b.debit) : new Decimal(b.debit).minus(b.credit);
  return need.isZero() ? null : need.toFixed(2);
}

/** The lines as the API takes them: blank rows dropped, summaries carried down, amounts canonical. */
export function requestLines(lines: GridLine[]): { summary: string; account: string; debit?: string; credit?: string }[] {
  return lines.flatMap((line, i) => {
    if (isBlank(line)) return [];
    const debit = parseAmountInput(line.debit, { allowNegative: true });
    const credit = parseAmountInput(line.credit, { allowNegative: true });
    return [
      {
        summary: summaryFor(lines, i),
        account: line.account.trim(),
        ...(line.debit.trim() ? { debit: debit ?? line.debit.trim() } : {}),
        ...(line.credit.trim() ? { credit: credit ?? line.credit.trim() } : {}),
      },
    ];
  });
}

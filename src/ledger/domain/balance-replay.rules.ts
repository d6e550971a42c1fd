import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { Figures } from './trial-balance.rules';

export interface Activity {
  accountCode: string;
  period: number;
  debit: Decimal;
  credit: Decimal;
}

export interface StoredBalance extends Figures {
  accountCode: string;
  period: number;
}

export interface BalanceMismatch {
  accountCode: string;
  period: number;
  expected: Figures | null;
  stored: Figures | null;
}

/**
 * Recomputes what account_balances must hold from first principles: the opening balances of the first
 * period plus the posted lines, one row per account and period that has either, each opening from the
 * previous row's closing.
 */
export function replayBalances(openings: ReadonlyMap<string, Decimal>, firstPeriod: number, activity: readonly Activity[]): Map<string, Figures> {
  const byAccount = new Map<string, Map<number, { debit: Decimal; credit: Decimal }>>();
  const touch = (code: string, period: number) => {
    const periods = byAccount.get(code) ?? new Map<number, { debit: Decimal; credit: Decimal }>();
    byAccount.set(code, periods);
    const cell = periods.get(period) ?? { debit: ZERO, credit: ZERO };
    periods.set(period, cell);
    return cell;
  };
  for (const code of openings.keys()) touch(code, firstPeriod);
  for (const a of activity) {
    const cell = touch(a.accountCode, a.period);
    cell.debit = cell.debit.plus(a.debit);
    cell.credit = cell.credit.plus(a.credit);
  }
  const out = new Map<string, Figures>();
  for (const [code, periods] of byAccount) {
    let running = openings.get(code) ?? ZERO;
    for (const period of [...periods.keys()].sort((x, y) => x - y)) {
      const { debit, credit } = periods.get(period)!;
      const closing = running.plus(debit).minus(credit);
      out.set(key(code, period), { opening: running, debit, credit, closing });
      running = closing;
    }
  }
  return out;
}

/** Every difference between stored balances and their replay; empty when the books agree. */
export function compareBalances(expected: ReadonlyMap<string, Figures>, stored: readonly StoredBalance[]): BalanceMismatch[] {
  const mismatches: BalanceMismatch[] = [];
  const seen = new Set<string>();
  for (const row of stored) {
    const k = key(row.accountCode, row.period);
    seen.add(k);
    const exp = expected.get(k) ?? null;
    if (!exp || !sameFigures(exp, row)) mismatches.push({ accountCode: row.accountCode, period: row.period, expected: exp, stored: row });
  }
  for (const [k, exp] of expected) {
    if (seen.has(k)) continue;
    const [accountCode, period] = k.split(':');
    mismatches.push({ accountCode, period: Number(period), expected: exp, stored: null });
  }
  return mismatches;
}

function sameFigures(a: Figures, b: Figures): boolean {
  return a.opening.equals(b.opening) && a.debit.equals(b.debit) && a.credit.equals(b.credit) && a.closing.equals(b.closing);
}

function key(code: string, period: number): string {
  return `${code}:${period}`;
}

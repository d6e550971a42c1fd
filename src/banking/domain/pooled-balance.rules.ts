import Decimal from 'decimal.js';
import { nextPeriod } from '../../common/period';

/** One union's share of a pooled account, with its maintained balance rows (account_balances), by period. */
export interface ShareBalances {
  key: string;
  firstPeriod: number;
  rows: { period: number; opening: Decimal; closing: Decimal }[];
}

/** A movement of the pooled account's journal: a line on a share, or a share's 期初余额 (at its union's first period). */
export interface PooledMovement {
  period: number;
  amount: Decimal;
}

export interface PooledMismatch {
  period: number;
  /** Σ of the unions' shares, from the balances the ledger maintains. */
  shares: Decimal;
  /** The pooled account's book balance, replayed from every movement on its shares. */
  pooled: Decimal;
}

/**
 * The Σ invariant (brief §6.2): at the end of every month, the pooled account's book balance — replayed
 * from the lines and opening balances of every share mapped to it — equals the sum of the unions' shares
 * as their books hold them. A share's balance at month M is the closing of its latest row up to M, else
 * the opening of its first later row (a 期初余额 not yet moved), from its union's first period on.
 */
export function checkPooledBalance(shares: ShareBalances[], movements: PooledMovement[]): { months: number; mismatches: PooledMismatch[] } {
  const periods = [
    ...shares.flatMap((s) => [s.firstPeriod, ...s.rows.map((r) => r.period)]),
    ...movements.map((m) => m.period),
  ];
  if (periods.length === 0) return { months: 0, mismatches: [] };
  const from = Math.min(...periods);
  const to = Math.max(...periods);

  const moved = new Map<number, Decimal>();
  for (const m of movements) moved.set(m.period, (moved.get(m.period) ?? new Decimal(0)).plus(m.amount));
  const sorted = shares.map((s) => ({ ...s, rows: [...s.rows].sort((a, b) => a.period - b.period), at: -1 }));

  const mismatches: PooledMismatch[] = [];
  let pooled = new Decimal(0);
  let months = 0;
  for (let p = from; p <= to; p = nextPeriod(p)) {
    months++;
    pooled = pooled.plus(moved.get(p) ?? 0);
    let sum = new Decimal(0);
    for (const s of sorted) {
      while (s.at + 1 < s.rows.length && s.rows[s.at + 1].period <= p) s.at++;
      if (p < s.firstPeriod) continue;
      if (s.at >= 0) sum = sum.plus(s.rows[s.at].closing);
      else if (s.rows.length > 0) sum = sum.plus(s.rows[0].opening);
    }
    if (!sum.equals(pooled)) mismatches.push({ period: p, shares: sum, pooled });
  }
  return { months, mismatches };
}

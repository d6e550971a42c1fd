import Decimal from 'decimal.js';
import { checkPooledBalance, ShareBalances } from './pooled-balance.rules';

const d = (v: string) => new Decimal(v);
const row = (period: number, opening: string, closing: string) => ({ period, opening: d(opening), closing: d(closing) });

describe('the Σ invariant of a pooled account', () => {
  const shares: ShareBalances[] = [
    { key: 'A:10201', firstPeriod: 202601, rows: [row(202601, '100', '150'), row(202603, '150', '120')] },
    { key: 'B:10201', firstPeriod: 202602, rows: [row(202602, '0', '40')] },
  ];

  it('holds when the journal of the shares replays to the sum of the shares every month', () => {
    const movements = [
      { period: 202601, amount: d('100') }, // A's opening balance
      { period: 202601, amount: d('50') },
      { period: 202602, amount: d('40') },
      { period: 202603, amount: d('-30') },
    ];
    expect(checkPooledBalance(shares, movements)).toEqual({ months: 3, mismatches: [] });
  });

  it('names each month where a share was changed without a line behind it', () => {
    const movements = [
      { period: 202601, amount: d('150') },
      { period: 202602, amount: d('40') },
      { period: 202603, amount: d('-20') },
    ];
    const { mismatches } = checkPooledBalance(shares, movements);
    expect(mismatches.map((m) => [m.period, m.shares.toFixed(2), m.pooled.toFixed(2)])).toEqual([[202603, '160.00', '170.00']]);
  });

  it("counts a share only from its union's first period, carrying its opening balance until its first row", () => {
    const late: ShareBalances[] = [{ key: 'C', firstPeriod: 202603, rows: [row(202605, '70', '80')] }];
    const res = checkPooledBalance(late, [
      { period: 202603, amount: d('70') },
      { period: 202605, amount: d('10') },
    ]);
    expect(res).toEqual({ months: 3, mismatches: [] });
  });

  it('is trivially true for an account without shares or movements', () => {
    expect(checkPooledBalance([], [])).toEqual({ months: 0, mismatches: [] });
  });
});

import Decimal from 'decimal.js';
import { balanceDirection, buildTrialBalance, ChartNode, Figures } from './trial-balance.rules';

const node = (code: string, parentCode: string | null, isLeaf: boolean, category: ChartNode['category'] = 'asset'): ChartNode => ({
  code,
  name: code,
  level: (code.length - 1) / 2,
  parentCode,
  category,
  normalSide: category === 'asset' || category === 'expense' ? 'debit' : 'credit',
  isLeaf,
});
const fig = (opening: string, debit: string, credit: string): Figures => {
  const o = new Decimal(opening);
  return { opening: o, debit: new Decimal(debit), credit: new Decimal(credit), closing: o.plus(debit).minus(credit) };
};

describe('buildTrialBalance', () => {
  const chart = [
    node('102', null, false),
    node('10201', '102', true),
    node('10202', '102', true),
    node('182', null, true),
    node('402', null, true, 'income'),
    node('501', null, false, 'expense'),
    node('50105', '501', true, 'expense'),
  ];

  it('rolls leaves up to parents, nets balances by sign, and totals level-1 accounts', () => {
    const tb = buildTrialBalance(
      chart,
      new Map([
        ['10201', fig('1000', '500', '300')],
        ['10202', fig('-200', '0', '0')],
        ['402', fig('-800', '0', '500')],
        ['50105', fig('0', '300', '0')],
      ]),
      { includeZero: false },
    );
    const row = (code: string) => tb.rows.find((r) => r.code === code)!;
    expect(row('102').openingDebit.toFixed(2)).toBe('800.00');
    expect(row('102').closingDebit.toFixed(2)).toBe('1000.00');
    expect(row('10202').openingCredit.toFixed(2)).toBe('200.00');
    expect(row('402').closingCredit.toFixed(2)).toBe('1300.00');
    expect(row('501').debit.toFixed(2)).toBe('300.00');
    expect(tb.rows.map((r) => r.code)).not.toContain('182');
    expect(tb.totals.openingDebit.toFixed(2)).toBe('800.00');
    expect(tb.totals.openingCredit.toFixed(2)).toBe('800.00');
    expect(tb.totals.debit.toFixed(2)).toBe('800.00');
    expect(tb.totals.credit.toFixed(2)).toBe('800.00');
    expect(tb.totals.closingDebit.toFixed(2)).toBe('1300.00');
    expect(tb.totals.closingCredit.toFixed(2)).toBe('1300.00');
    expect(tb.balanced).toBe(true);
  });

  it('reports unbalanced books', () => {
    const tb = buildTrialBalance(chart, new Map([['10201', fig('0', '5', '0')]]), { includeZero: true });
    expect(tb.balanced).toBe(false);
    expect(tb.rows).toHaveLength(chart.length);
  });
});

describe('balanceDirection', () => {
  it('prints 借, 贷 or 平 with the absolute amount', () => {
    expect(balanceDirection(new Decimal('5'))).toEqual({ direction: '借', amount: new Decimal('5') });
    expect(balanceDirection(new Decimal('-5')).direction).toBe('贷');
    expect(balanceDirection(new Decimal('-5')).amount.toFixed(2)).toBe('5.00');
    expect(balanceDirection(new Decimal('0')).direction).toBe('平');
  });
});

import { balanceOf, balancingAmount, emptyLine, requestLines, summaryFor, type GridLine } from './voucher-balance';

const line = (account: string, debit = '', credit = '', summary = ''): GridLine => ({ summary, account, debit, credit });

describe('the voucher grid balance (decimal, never float)', () => {
  it('is balanced when debits equal credits, to the fen', () => {
    const b = balanceOf([line('50102', '0.10', '', '买水'), line('50102', '0.20'), line('10201', '', '0.30')]);
    // 0.1 + 0.2 = 0.30000000000000004 in floats: the indicator would never turn green
    expect(b).toMatchObject({ debit: '0.30', credit: '0.30', difference: '0.00', balanced: true, problems: [] });
    expect(b.words).toBe('叁角整');
  });

  it('shows the difference while unbalanced, and no 大写', () => {
    const b = balanceOf([line('50102', '1,200.50'), line('10201', '', '1200')]);
    expect(b).toMatchObject({ debit: '1200.50', credit: '1200.00', difference: '0.50', balanced: false, words: null });
  });

  it('keeps large sums exact', () => {
    const b = balanceOf([line('50102', '999999999999.98'), line('50103', '0.01'), line('10201', '', '999999999999.99')]);
    expect(b.balanced).toBe(true);
    expect(b.debit).toBe('999999999999.99');
    // beyond 12 integer digits is not an amount the API takes: a problem, not a silent rounding
    expect(balanceOf([line('50102', '1000000000000.00'), line('10201', '', '1')]).problems).toHaveLength(1);
  });

  it('is not balanced when empty', () => {
    expect(balanceOf([emptyLine(), emptyLine()]).balanced).toBe(false);
  });

  it('names each problem by line: bad figures, both sides, no side, no account, wrong sign', () => {
    const b = balanceOf([line('50102', '12.345'), line('50102', '5', '5'), line('50102'), line('', '3'), line('10201', '-3'), emptyLine()]);
    expect(b.problems.map((p) => [p.line, p.field])).toEqual([
      [1, 'debit'],
      [2, 'credit'],
      [3, 'debit'],
      [4, 'account'],
      [5, 'debit'],
    ]);
  });

  it('wants negative amounts on a red voucher', () => {
    expect(balanceOf([line('50102', '-100'), line('10201', '', '-100')], true)).toMatchObject({ balanced: true, problems: [] });
    expect(balanceOf([line('50102', '100'), line('10201', '', '100')], true).problems).toHaveLength(2);
  });

  it('carries the summary down from the nearest line above', () => {
    const lines = [line('50102', '1', '', '购买办公用品'), line('50103', '1'), line('10201', '', '2', '  ')];
    expect(summaryFor(lines, 1)).toBe('购买办公用品');
    expect(summaryFor(lines, 2)).toBe('购买办公用品');
    expect(requestLines(lines).map((l) => l.summary)).toEqual(['购买办公用品', '购买办公用品', '购买办公用品']);
  });

  it('"=" fills the figure that balances the voucher on that side', () => {
    const lines = [line('50102', '300'), line('50103', '200.55'), line('10201', '', '400'), line('101')];
    expect(balancingAmount(lines, 3, 'credit')).toBe('100.55');
    expect(balancingAmount(lines, 3, 'debit')).toBe('-100.55');
    expect(balancingAmount([line('50102', '1'), line('10201', '', '1'), line('101')], 2, 'credit')).toBeNull();
  });

  it('sends canonical decimal strings and drops blank rows', () => {
    expect(requestLines([line('50102', '１,２00.5', '', '会费'), emptyLine(), line('10201', '', '1200.50')])).toEqual([
      { summary: '会费', account: '50102', debit: '1200.50' },
      { summary: '会费', account: '10201', credit: '1200.50' },
    ]);
  });
});

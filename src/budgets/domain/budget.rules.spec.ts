import Decimal from 'decimal.js';
import { assign, BudgetLine, checkSpending, lineFor } from './budget.rules';
import { execution } from './execution.rules';

const line = (accountCode: string, amount: string, projectCode: string | null = null): BudgetLine => ({ accountCode, projectCode, amount: new Decimal(amount) });
const row = (accountCode: string, amount: string, projectCode: string | null = null) => ({ accountCode, projectCode, amount: new Decimal(amount) });

describe('budget lines', () => {
  const lines = [line('501', '10000'), line('50105', '6000'), line('504', '3000'), line('504', '2000', 'P1')];

  it('a leaf falls under the most specific line, a budgeted project before the account', () => {
    expect(lineFor(lines, '50105', null)).toBe(1);
    expect(lineFor(lines, '50101', null)).toBe(0);
    expect(lineFor(lines, '50404', 'P1')).toBe(3);
    expect(lineFor(lines, '50404', 'P9')).toBe(2);
    expect(lineFor(lines, '505', null)).toBe(-1);
  });

  it('adds figures up per line and keeps what nobody budgeted for apart', () => {
    const { perLine, unbudgeted } = assign(lines, [row('50105', '500'), row('50101', '200'), row('50404', '300', 'P1'), row('50502', '80')]);
    expect(perLine.map((d) => d.toFixed(2))).toEqual(['200.00', '500.00', '0.00', '300.00']);
    expect(unbudgeted).toEqual([row('50502', '80')]);
  });
});

describe('checkSpending', () => {
  const budget = { lines: [line('50105', '6000')] };
  it('counts posted spending and other approved claims against the line', () => {
    const ok = checkSpending('block', budget, { accountCode: '50105', projectCode: null, amount: new Decimal('1000') }, [row('50105', '4000')], [row('50105', '1000')]);
    expect(ok).toMatchObject({ exceeded: false, line: { accountCode: '50105', projectCode: null } });
    expect(ok.available.toFixed(2)).toBe('1000.00');
    const over = checkSpending('block', budget, { accountCode: '50105', projectCode: null, amount: new Decimal('1000.01') }, [row('50105', '4000')], [row('50105', '1000')]);
    expect(over.exceeded).toBe(true);
    expect(over.message).toContain('可用 1000.00 元');
  });

  it('spending without a budget, or on an account the budget leaves out, has nothing available', () => {
    expect(checkSpending('warn', null, { accountCode: '50105', projectCode: null, amount: new Decimal('1') }, [], []).exceeded).toBe(true);
    const out = checkSpending('warn', budget, { accountCode: '50502', projectCode: null, amount: new Decimal('1') }, [], []);
    expect(out).toMatchObject({ exceeded: true, line: null });
    expect(out.message).toContain('未列入本年度预算');
  });
});

describe('budget execution', () => {
  it('per line and month, with reserved, remaining and percent used, and unbudgeted spending apart', () => {
    const rows = execution(
      [line('402', '50000'), line('501', '10000')],
      [
        { ...row('402', '30000'), period: 202601 },
        { ...row('50105', '6000'), period: 202601 },
        { ...row('50101', '800'), period: 202603 },
        { ...row('50502', '1500'), period: 202603 },
        { ...row('50105', '99'), period: 202604 },
      ],
      [row('50105', '1200')],
      202603,
    );
    expect(rows.map((r) => [r.accountCode, r.kind, r.budget.toFixed(2), r.actual.toFixed(2), r.reserved.toFixed(2), r.remaining.toFixed(2), r.percentUsed])).toEqual([
      ['402', 'income', '50000.00', '30000.00', '0.00', '20000.00', '60.0'],
      ['501', 'expense', '10000.00', '6800.00', '1200.00', '2000.00', '80.0'],
      ['50502', 'expense', '0.00', '1500.00', '0.00', '-1500.00', null],
    ]);
    expect(rows[1].months.map((m) => m.toFixed(2)).slice(0, 4)).toEqual(['6000.00', '0.00', '800.00', '0.00']);
  });
});

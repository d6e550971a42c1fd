import { budgetRequest, checkBudget, percentForBar } from './budget-lines';

const kinds: Record<string, 'income' | 'expense'> = { '401': 'income', '402': 'income', '501': 'expense', '50102': 'expense' };
const kindOf = (a: string) => kinds[a];

describe('a budget as entered', () => {
  it('adds income and expense apart, in decimal', () => {
    const c = checkBudget(
      [
        { account: '401', project: '', amount: '0.1' },
        { account: '402', project: '', amount: '0.2' },
        { account: '501', project: '', amount: '1,000' },
        { account: '', project: '', amount: '' },
      ],
      kindOf,
    );
    expect(c).toEqual({ income: '0.30', expense: '1000.00', problems: [] });
  });

  it('names what is wrong: a bad amount, an account that is not income or expense, a repeated line', () => {
    const c = checkBudget(
      [
        { account: '501', project: '', amount: '1.005' },
        { account: '10201', project: '', amount: '5' },
        { account: '501', project: '', amount: '5' },
      ],
      kindOf,
    );
    expect(c.problems).toEqual(['第 1 行预算金额格式不正确（最多两位小数）', '第 2 行只能编列收入或支出科目', '第 3 行科目重复']);
  });

  it('sends canonical amounts and the project only where given', () => {
    expect(budgetRequest([{ account: '50102', project: 'P1', amount: '１２００' }, { account: '401', project: '', amount: '5' }])).toEqual([
      { account: '50102', project: 'P1', amount: '1200.00' },
      { account: '401', amount: '5.00' },
    ]);
  });

  it('caps the bar, not the figure', () => {
    expect([percentForBar('62.5'), percentForBar('130'), percentForBar(null)]).toEqual([62.5, 100, 0]);
  });
});

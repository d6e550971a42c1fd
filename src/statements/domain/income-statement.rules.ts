import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { StatementLine } from './statement-line';

/** What the income and expenditure statement reads for one column (a month, the year to date, a year). */
export interface IncomeColumn {
  /** Posted activity per level-1 income and expense account, closing entries left out. */
  activity: ReadonlyMap<string, { debit: Decimal; credit: Decimal }>;
  /** Net credit activity of 年初余额调整 and 归集上缴 (32101, 32201, 33101, 33201, 33202), closing left out. */
  adjustments: Decimal;
  /** Annual reports: credit balances of 321 + 331 (结转) and 322 + 332 (结余) at the start and the end of the year. */
  yearOpening?: { carryForward: Decimal; surplus: Decimal };
  yearEnd?: { carryForward: Decimal; surplus: Decimal };
}

export const INCOME_LINES: [string, string, string][] = [
  ['dues', '会费收入', '401'],
  ['allocated', '拨缴经费收入', '402'],
  ['upperSubsidy', '上级补助收入', '403'],
  ['governmentSubsidy', '政府补助收入', '404'],
  ['administrativeSubsidy', '行政补助收入', '405'],
  ['affiliatedIncome', '附属单位上缴收入', '406'],
  ['investmentIncome', '投资收益', '407'],
  ['otherIncome', '其他收入', '408'],
  ['stabilizationUsed', '动用预算稳定调节基金', '411'],
];
export const EXPENSE_LINES: [string, string, string][] = [
  ['memberActivities', '职工活动支出', '501'],
  ['activitiesOrganisation', '职工活动组织支出', '502'],
  ['memberServices', '职工服务支出', '503'],
  ['rightsProtection', '维权支出', '504'],
  ['operations', '业务支出', '505'],
  ['administration', '行政支出', '506'],
  ['capital', '资本性支出', '507'],
  ['subsidiesToLower', '补助下级支出', '508'],
  ['affiliatedSpending', '对附属单位的支出', '509'],
  ['otherExpense', '其他支出', '510'],
  ['stabilizationArranged', '安排预算稳定调节基金', '521'],
];

type Row = Omit<StatementLine, 'no' | 'side' | 'values'> & { values: (c: IncomeColumn) => Decimal };

/**
 * 工会02表 收入支出表: monthly with 本月数 and 本年累计数, annual with 本年数 and 上年数 and the 年初/年末资金结转结余
 * lines. Income reads its accounts' credit activity (net), expense its debit activity; 投资收益 and 其他支出
 * go negative when the other side wins, as the regulation asks ("-").
 */
export function incomeStatementLines(columns: readonly IncomeColumn[], opts: { annual: boolean }): StatementLine[] {
  const credit = (code: string) => (c: IncomeColumn) => {
    const a = c.activity.get(code);
    return a ? a.credit.minus(a.debit) : ZERO;
  };
  const debit = (code: string) => (c: IncomeColumn) => credit(code)(c).negated();
  const income = (c: IncomeColumn) => INCOME_LINES.reduce((acc, [, , code]) => acc.plus(credit(code)(c)), ZERO);
  const expense = (c: IncomeColumn) => EXPENSE_LINES.reduce((acc, [, , code]) => acc.plus(debit(code)(c)), ZERO);
  const pair = (p?: { carryForward: Decimal; surplus: Decimal }) => p ?? { carryForward: ZERO, surplus: ZERO };

  const rows: Row[] = [];
  if (opts.annual) {
    rows.push(
      { key: 'openingFunds', label: '年初资金结转结余', indent: 0, total: true, values: (c) => pair(c.yearOpening).carryForward.plus(pair(c.yearOpening).surplus) },
      { key: 'openingCarryForward', label: '年初资金结转', indent: 1, total: false, values: (c) => pair(c.yearOpening).carryForward },
      { key: 'openingSurplus', label: '年初资金结余', indent: 1, total: false, values: (c) => pair(c.yearOpening).surplus },
    );
  }
  rows.push(
    { key: 'adjustments', label: '资金结转结余调整及变动', indent: 0, total: false, values: (c) => c.adjustments },
    { key: 'totalIncome', label: '收入合计', indent: 0, total: true, values: income },
    ...INCOME_LINES.map(([key, label, code]) => ({ key, label, indent: 1, total: false, values: credit(code) })),
    { key: 'totalExpense', label: '支出合计', indent: 0, total: true, values: expense },
    ...EXPENSE_LINES.map(([key, label, code]) => ({ key, label, indent: 1, total: false, values: debit(code) })),
    { key: 'result', label: '本期收支差额', indent: 0, total: true, values: (c) => income(c).minus(expense(c)) },
  );
  if (opts.annual) {
    rows.push(
      { key: 'closingFunds', label: '年末资金结转结余', indent: 0, total: true, values: (c) => pair(c.yearEnd).carryForward.plus(pair(c.yearEnd).surplus) },
      { key: 'closingCarryForward', label: '年末资金结转', indent: 1, total: false, values: (c) => pair(c.yearEnd).carryForward },
      { key: 'closingSurplus', label: '年末资金结余', indent: 1, total: false, values: (c) => pair(c.yearEnd).surplus },
    );
  }
  return rows.map((r, i) => ({ ...r, no: i + 1, side: 'single', values: columns.map(r.values) }));
}

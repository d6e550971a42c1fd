import Decimal from 'decimal.js';
import { LedgerError } from '../ledger.errors';
import { validateOpeningBalances } from './opening-balances.rules';
import { AccountView } from './voucher.rules';

const accounts = new Map<string, AccountView>([
  ['10201', { code: '10201', name: '集中核算户', category: 'asset', isLeaf: true, isActive: true }],
  ['102', { code: '102', name: '银行存款', category: 'asset', isLeaf: false, isActive: true }],
  ['32205', { code: '32205', name: '累计结余', category: 'net_assets', isLeaf: true, isActive: true }],
  ['32104', { code: '32104', name: '累计结转', category: 'net_assets', isLeaf: true, isActive: true }],
  ['401', { code: '401', name: '会费收入', category: 'income', isLeaf: true, isActive: true }],
  ['40302', { code: '40302', name: '专项转移支付补助', category: 'income', isLeaf: true, isActive: true }],
]);
const projects = new Map([['P1', { isActive: true }], ['P2', { isActive: true }]]);
const l = (accountCode: string, side: 'debit' | 'credit', amount: string, projectCode?: string) => ({ accountCode, side, amount: new Decimal(amount), projectCode });

function code(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as LedgerError).code;
  }
}

describe('validateOpeningBalances', () => {
  it('returns signed amounts when debits equal credits', () => {
    const out = validateOpeningBalances([l('10201', 'debit', '5000'), l('32205', 'credit', '5000')], accounts);
    expect(out.map((o) => [o.accountCode, o.projectCode, o.amount.toFixed(2)])).toEqual([
      ['10201', null, '5000.00'],
      ['32205', null, '-5000.00'],
    ]);
  });

  it('takes 321 sub-accounts per project, once per project', () => {
    const out = validateOpeningBalances(
      [l('10201', 'debit', '900'), l('32104', 'credit', '600', 'P1'), l('32104', 'credit', '200', 'P2'), l('32205', 'credit', '100')],
      accounts,
      projects,
    );
    expect(out.map((o) => [o.accountCode, o.projectCode])).toEqual([['10201', null], ['32104', 'P1'], ['32104', 'P2'], ['32205', null]]);
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '2'), l('32104', 'credit', '1', 'P1'), l('32104', 'credit', '1', 'P1')], accounts, projects))).toBe(
      'OPENING_BALANCE_DUPLICATE',
    );
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '1'), l('32104', 'credit', '1', 'NOPE')], accounts, projects))).toBe('PROJECT_NOT_FOUND');
  });

  it('a project only where money belongs to projects', () => {
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '1', 'P1'), l('32205', 'credit', '1')], accounts, projects))).toBe('FUND_TYPE_NOT_APPLICABLE');
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '1'), l('401', 'credit', '1', 'P1')], accounts, projects))).toBe('FUND_TYPE_INVALID');
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '1'), l('40302', 'credit', '1')], accounts, projects))).toBe('PROJECT_REQUIRED');
  });

  it('refuses unbalanced, non-leaf, unknown, duplicate and zero entries', () => {
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '5000'), l('32205', 'credit', '4000')], accounts))).toBe(
      'OPENING_BALANCES_UNBALANCED',
    );
    expect(code(() => validateOpeningBalances([l('102', 'debit', '1'), l('32205', 'credit', '1')], accounts))).toBe('ACCOUNT_NOT_LEAF');
    expect(code(() => validateOpeningBalances([l('999', 'debit', '1')], accounts))).toBe('ACCOUNT_NOT_FOUND');
    expect(
      code(() => validateOpeningBalances([l('10201', 'debit', '1'), l('10201', 'debit', '1'), l('32205', 'credit', '2')], accounts)),
    ).toBe('OPENING_BALANCE_DUPLICATE');
    expect(code(() => validateOpeningBalances([l('10201', 'debit', '0')], accounts))).toBe('AMOUNT_SIGN_INVALID');
  });
});

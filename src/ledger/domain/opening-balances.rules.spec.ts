import Decimal from 'decimal.js';
import { LedgerError } from '../ledger.errors';
import { validateOpeningBalances } from './opening-balances.rules';
import { AccountView } from './voucher.rules';

const accounts = new Map<string, AccountView>([
  ['10201', { code: '10201', name: '集中核算户', category: 'asset', isLeaf: true, isActive: true }],
  ['102', { code: '102', name: '银行存款', category: 'asset', isLeaf: false, isActive: true }],
  ['32205', { code: '32205', name: '累计结余', category: 'net_assets', isLeaf: true, isActive: true }],
]);
const l = (accountCode: string, side: 'debit' | 'credit', amount: string) => ({ accountCode, side, amount: new Decimal(amount) });

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
    expect(out.get('10201')!.toFixed(2)).toBe('5000.00');
    expect(out.get('32205')!.toFixed(2)).toBe('-5000.00');
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

import Decimal from 'decimal.js';
import { LedgerError } from '../ledger.errors';
import { AccountView, inferVoucherType, validateVoucher, VoucherContext, VoucherInput, VoucherLineInput } from './voucher.rules';

const account = (code: string, category: AccountView['category'], extra: Partial<AccountView> = {}): [string, AccountView] => [
  code,
  { code, name: `科目${code}`, category, isLeaf: true, isActive: true, ...extra },
];

const ctx = (over: Partial<VoucherContext> = {}): VoucherContext => ({
  numbering: 'general',
  firstPeriod: 202601,
  periodClosed: false,
  accounts: new Map([
    account('101', 'asset'),
    account('102', 'asset', { isLeaf: false }),
    account('10201', 'asset'),
    account('401', 'income'),
    account('402', 'income'),
    account('50105', 'expense'),
    account('40301', 'income'),
    account('40302', 'income'),
    account('32101', 'net_assets'),
    account('32103', 'net_assets'),
    account('32104', 'net_assets'),
    account('32203', 'net_assets'),
    account('32204', 'net_assets'),
    account('32205', 'net_assets'),
    account('135', 'asset', { isActive: false }),
  ]),
  projects: new Map([['P1', { isActive: true }], ['OLD', { isActive: false }]]),
  ...over,
});

const line = (accountCode: string, side: 'debit' | 'credit', amount: string, extra: Partial<VoucherLineInput> = {}): VoucherLineInput => ({
  summary: '摘要',
  accountCode,
  side,
  amount: new Decimal(amount),
  projectCode: null,
  fundType: null,
  ...extra,
});

const voucher = (lines: VoucherLineInput[], extra: Partial<VoucherInput> = {}): VoucherInput => ({
  date: '2026-03-15',
  type: 'general',
  red: false,
  attachmentCount: 1,
  lines,
  ...extra,
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LedgerError) return e.code;
    throw e;
  }
  return 'OK';
}

describe('validateVoucher', () => {
  it('accepts a balanced voucher and defaults income and expense lines to unrestricted', () => {
    const v = validateVoucher(voucher([line('10201', 'debit', '100.00'), line('402', 'credit', '100.00')]), ctx());
    expect(v.period).toBe(202603);
    expect(v.total.toFixed(2)).toBe('100.00');
    expect(v.lines.map((l) => l.fundType)).toEqual([null, 'unrestricted']);
    expect(v.lines.map((l) => l.lineNo)).toEqual([1, 2]);
  });

  it('refuses Σdebit ≠ Σcredit', () => {
    expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '100.00'), line('402', 'credit', '99.99')]), ctx()))).toBe(
      'VOUCHER_UNBALANCED',
    );
  });

  it('refuses fewer than two lines', () => {
    expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '100.00')]), ctx()))).toBe('VOUCHER_TOO_FEW_LINES');
  });

  it('refuses negative amounts on a blue voucher and positive ones on a red voucher', () => {
    expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '-5'), line('402', 'credit', '-5')]), ctx()))).toBe(
      'AMOUNT_SIGN_INVALID',
    );
    expect(
      codeOf(() => validateVoucher(voucher([line('10201', 'debit', '5'), line('402', 'credit', '5')], { red: true }), ctx())),
    ).toBe('AMOUNT_SIGN_INVALID');
    expect(
      codeOf(() => validateVoucher(voucher([line('10201', 'debit', '-5'), line('402', 'credit', '-5')], { red: true }), ctx())),
    ).toBe('OK');
  });

  it('refuses zero amounts', () => {
    expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '0'), line('402', 'credit', '0')]), ctx()))).toBe(
      'AMOUNT_SIGN_INVALID',
    );
  });

  it('posts only to existing, active leaf accounts', () => {
    expect(codeOf(() => validateVoucher(voucher([line('102', 'debit', '1'), line('402', 'credit', '1')]), ctx()))).toBe(
      'ACCOUNT_NOT_LEAF',
    );
    expect(codeOf(() => validateVoucher(voucher([line('135', 'debit', '1'), line('402', 'credit', '1')]), ctx()))).toBe(
      'ACCOUNT_INACTIVE',
    );
    expect(codeOf(() => validateVoucher(voucher([line('999', 'debit', '1'), line('402', 'credit', '1')]), ctx()))).toBe(
      'ACCOUNT_NOT_FOUND',
    );
  });

  it('keeps fund types to income and expense lines, 401 unrestricted, restricted with a project', () => {
    const v = (l: VoucherLineInput) => () => validateVoucher(voucher([line('10201', 'debit', '1'), l]), ctx());
    expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '1', { fundType: 'unrestricted' }), line('402', 'credit', '1')]), ctx()))).toBe(
      'FUND_TYPE_NOT_APPLICABLE',
    );
    expect(codeOf(v(line('401', 'credit', '1', { fundType: 'restricted', projectCode: 'P1' })))).toBe('FUND_TYPE_INVALID');
    expect(codeOf(v(line('402', 'credit', '1', { fundType: 'restricted' })))).toBe('PROJECT_REQUIRED');
    expect(codeOf(v(line('402', 'credit', '1', { fundType: 'restricted', projectCode: 'P1' })))).toBe('OK');
    expect(codeOf(v(line('402', 'credit', '1', { projectCode: 'OLD' })))).toBe('PROJECT_NOT_FOUND');
  });

  it('refuses closed periods and dates before the first period', () => {
    const ok = voucher([line('10201', 'debit', '1'), line('402', 'credit', '1')]);
    expect(codeOf(() => validateVoucher(ok, ctx({ periodClosed: true })))).toBe('PERIOD_CLOSED');
    expect(codeOf(() => validateVoucher({ ...ok, date: '2025-12-31' }, ctx()))).toBe('PERIOD_BEFORE_START');
  });

  it('allows only the types of the union numbering, with content that fits the type', () => {
    const receipt = [line('10201', 'debit', '1'), line('402', 'credit', '1')];
    const transfer = [line('50105', 'debit', '1'), line('402', 'credit', '1')];
    expect(codeOf(() => validateVoucher(voucher(receipt, { type: 'receipt' }), ctx()))).toBe('VOUCHER_TYPE_NOT_ALLOWED');
    const typed = ctx({ numbering: 'typed' });
    expect(codeOf(() => validateVoucher(voucher(receipt, { type: 'general' }), typed))).toBe('VOUCHER_TYPE_NOT_ALLOWED');
    expect(codeOf(() => validateVoucher(voucher(receipt, { type: 'receipt' }), typed))).toBe('OK');
    expect(codeOf(() => validateVoucher(voucher(receipt, { type: 'payment' }), typed))).toBe('VOUCHER_TYPE_MISMATCH');
    expect(codeOf(() => validateVoucher(voucher(receipt, { type: 'transfer' }), typed))).toBe('VOUCHER_TYPE_MISMATCH');
    expect(codeOf(() => validateVoucher(voucher(transfer, { type: 'transfer' }), typed))).toBe('OK');
  });

  it('reports every problem at once, the first naming the error', () => {
    try {
      validateVoucher(voucher([line('102', 'debit', '-1'), line('999', 'credit', '2')]), ctx());
      throw new Error('expected a LedgerError');
    } catch (e) {
      const err = e as LedgerError;
      const problems = (err.details as { problems: { code: string }[] }).problems.map((p) => p.code);
      expect(problems).toEqual(expect.arrayContaining(['AMOUNT_SIGN_INVALID', 'ACCOUNT_NOT_LEAF', 'ACCOUNT_NOT_FOUND', 'VOUCHER_UNBALANCED']));
      expect(err.code).toBe(problems[0]);
    }
  });
});

describe('inferVoucherType', () => {
  const l = (accountCode: string, side: 'debit' | 'credit') => ({ accountCode, side });
  it('is 记 under general numbering', () => {
    expect(inferVoucherType('general', [l('10201', 'credit')])).toBe('general');
  });
  it('is 付 when cash or bank is credited, also for cash ⇄ bank', () => {
    expect(inferVoucherType('typed', [l('50105', 'debit'), l('10201', 'credit')])).toBe('payment');
    expect(inferVoucherType('typed', [l('101', 'debit'), l('10201', 'credit')])).toBe('payment');
  });
  it('is 收 when cash or bank is only debited, else 转', () => {
    expect(inferVoucherType('typed', [l('10201', 'debit'), l('402', 'credit')])).toBe('receipt');
    expect(inferVoucherType('typed', [l('50105', 'debit'), l('215', 'credit')])).toBe('transfer');
  });

  describe('fund types follow the chart', () => {
    it('40301 is always unrestricted, like 401', () => {
      expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '5'), line('40301', 'credit', '5', { fundType: 'restricted', projectCode: 'P1' })]), ctx()))).toBe(
        'FUND_TYPE_INVALID',
      );
      const v = validateVoucher(voucher([line('10201', 'debit', '5'), line('40301', 'credit', '5')]), ctx());
      expect(v.lines[1].fundType).toBe('unrestricted');
    });

    it('40302 is restricted without being told, and so needs its project', () => {
      expect(codeOf(() => validateVoucher(voucher([line('10201', 'debit', '5'), line('40302', 'credit', '5')]), ctx()))).toBe('PROJECT_REQUIRED');
      const v = validateVoucher(voucher([line('10201', 'debit', '5'), line('40302', 'credit', '5', { projectCode: 'P1' })]), ctx());
      expect(v.lines[1].fundType).toBe('restricted');
      expect(
        codeOf(() => validateVoucher(voucher([line('10201', 'debit', '5'), line('40302', 'credit', '5', { projectCode: 'P1', fundType: 'unrestricted' })]), ctx())),
      ).toBe('FUND_TYPE_INVALID');
    });
  });

  describe('accounts closing owns', () => {
    it.each(['32103', '32203', '32104', '32204'])('%s takes only closing vouchers', (code) => {
      const lines = [line('32205', 'debit', '5'), line(code, 'credit', '5')];
      expect(codeOf(() => validateVoucher(voucher(lines), ctx()))).toBe('ACCOUNT_RESERVED_FOR_CLOSING');
      expect(codeOf(() => validateVoucher(voucher(lines, { source: 'correction' }), ctx()))).toBe('ACCOUNT_RESERVED_FOR_CLOSING');
      expect(codeOf(() => validateVoucher(voucher(lines, { source: 'closing' }), ctx()))).toBe('OK');
    });

    it('年初余额调整 takes prior-year corrections (and closing), never a plain manual voucher', () => {
      const lines = [line('10201', 'debit', '5'), line('32101', 'credit', '5', { projectCode: 'P1' })];
      expect(codeOf(() => validateVoucher(voucher(lines), ctx()))).toBe('ACCOUNT_RESERVED_FOR_CLOSING');
      expect(codeOf(() => validateVoucher(voucher(lines, { source: 'claim' }), ctx()))).toBe('ACCOUNT_RESERVED_FOR_CLOSING');
      expect(codeOf(() => validateVoucher(voucher(lines, { source: 'correction' }), ctx()))).toBe('OK');
    });

    it('a prior-year correction never touches income or expense', () => {
      const lines = [line('10201', 'debit', '5'), line('402', 'credit', '5')];
      expect(codeOf(() => validateVoucher(voucher(lines, { source: 'correction' }), ctx()))).toBe('CORRECTION_THROUGH_ADJUSTMENT');
    });
  });
});

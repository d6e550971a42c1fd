import Decimal from 'decimal.js';
import { LedgerError } from '../ledger.errors';
import { buildReversal } from './reversal.rules';

describe('buildReversal (红字冲销)', () => {
  const line = (accountCode: string, side: 'debit' | 'credit', amount: string, dims: { projectCode?: string; fundType?: 'restricted' | 'unrestricted' } = {}) => ({
    summary: '购买慰问品',
    accountCode,
    side,
    amount: new Decimal(amount),
    projectCode: dims.projectCode ?? null,
    fundType: dims.fundType ?? null,
  });
  const original = {
    date: '2026-03-05',
    type: 'general' as const,
    red: false,
    displayNumber: '记-202603-0007',
    source: 'manual' as const,
    lines: [line('50105', 'debit', '880.00', { fundType: 'unrestricted' }), line('10201', 'credit', '880.00')],
  };

  it('keeps accounts and sides, negates amounts, and names the original', () => {
    const r = buildReversal(original, '2026-04-02');
    expect(r.red).toBe(true);
    expect(r.type).toBe('general');
    expect(r.date).toBe('2026-04-02');
    expect(r.source).toBe('reversal');
    expect(r.lines.map((l) => [l.accountCode, l.side, l.amount.toFixed(2), l.fundType])).toEqual([
      ['50105', 'debit', '-880.00', 'unrestricted'],
      ['10201', 'credit', '-880.00', null],
    ]);
    expect(r.lines.every((l) => l.summary === '冲销 记-202603-0007 号凭证')).toBe(true);
  });

  it('refuses a date before the original', () => {
    expect(() => buildReversal(original, '2026-03-04')).toThrow(LedgerError);
  });

  it('dated in a later year, moves income and expense to 年初余额调整 of their fund and becomes a prior-year correction', () => {
    const r = buildReversal(
      {
        ...original,
        lines: [
          line('50105', 'debit', '880.00', { fundType: 'unrestricted' }),
          line('50301', 'debit', '120.00', { fundType: 'restricted', projectCode: 'P1' }),
          line('50302', 'debit', '50.00', { projectCode: 'P2' }),
          line('10201', 'credit', '1050.00'),
        ],
      },
      '2027-01-08',
    );
    expect(r.source).toBe('correction');
    expect(r.lines.map((l) => [l.accountCode, l.side, l.amount.toFixed(2), l.projectCode, l.fundType])).toEqual([
      ['32201', 'debit', '-880.00', null, null],
      ['32101', 'debit', '-120.00', 'P1', null],
      // a project on unrestricted spending (项目支出 of own money) stays in 322
      ['32201', 'debit', '-50.00', null, null],
      ['10201', 'credit', '-1050.00', null, null],
    ]);
    expect(r.lines[0].summary).toBe('冲销 记-202603-0007 号凭证（以前年度调整）');
  });

  it('a restricted income line of 40302 without a fund type is restricted by the chart', () => {
    const r = buildReversal({ ...original, lines: [line('10201', 'debit', '500.00'), line('40302', 'credit', '500.00', { projectCode: 'P9' })] }, '2027-02-01');
    expect(r.lines.map((l) => [l.accountCode, l.projectCode])).toEqual([
      ['10201', null],
      ['32101', 'P9'],
    ]);
  });

  it('refuses closing and fixed-asset vouchers', () => {
    expect(() => buildReversal({ ...original, source: 'closing' }, '2026-04-02')).toThrow(expect.objectContaining({ code: 'VOUCHER_IS_CLOSING' }));
    expect(() => buildReversal({ ...original, source: 'asset' }, '2026-04-02')).toThrow(expect.objectContaining({ code: 'VOUCHER_IS_CLOSING' }));
  });
});

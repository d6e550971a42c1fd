import Decimal from 'decimal.js';
import { LedgerError } from '../ledger.errors';
import { buildReversal } from './reversal.rules';

describe('buildReversal (红字冲销)', () => {
  const original = {
    date: '2026-03-05',
    type: 'general' as const,
    red: false,
    displayNumber: '记-202603-0007',
    lines: [
      { summary: '购买慰问品', accountCode: '50105', side: 'debit' as const, amount: new Decimal('880.00'), projectCode: null, fundType: 'unrestricted' as const },
      { summary: '购买慰问品', accountCode: '10201', side: 'credit' as const, amount: new Decimal('880.00'), projectCode: null, fundType: null },
    ],
  };

  it('keeps accounts and sides, negates amounts, and names the original', () => {
    const r = buildReversal(original, '2026-04-02');
    expect(r.red).toBe(true);
    expect(r.type).toBe('general');
    expect(r.date).toBe('2026-04-02');
    expect(r.lines.map((l) => [l.accountCode, l.side, l.amount.toFixed(2), l.fundType])).toEqual([
      ['50105', 'debit', '-880.00', 'unrestricted'],
      ['10201', 'credit', '-880.00', null],
    ]);
    expect(r.lines.every((l) => l.summary === '冲销 记-202603-0007 号凭证')).toBe(true);
  });

  it('refuses a date before the original', () => {
    expect(() => buildReversal(original, '2026-03-04')).toThrow(LedgerError);
  });
});

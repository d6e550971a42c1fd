import Decimal from 'decimal.js';
import { periodClosingLines, UnclosedBalance } from './period-closing.rules';

const b = (accountCode: string, balance: string, fundType: 'restricted' | 'unrestricted' = 'unrestricted', projectCode: string | null = null): UnclosedBalance => ({
  accountCode,
  category: accountCode.startsWith('4') ? 'income' : 'expense',
  projectCode,
  fundType,
  balance: new Decimal(balance),
});
const show = (lines: ReturnType<typeof periodClosingLines>) =>
  lines.map((l) => `${l.side === 'debit' ? 'Dr' : 'Cr'} ${l.accountCode}${l.projectCode ? `(${l.projectCode})` : ''} ${l.amount.toFixed(2)}`);

describe('periodClosingLines (期末结转)', () => {
  it('empties unrestricted income and expense into 32203 and restricted ones into 32103 per project', () => {
    const lines = periodClosingLines(202603, [
      b('401', '-1200'),
      b('402', '-30000'),
      b('40302', '-5000', 'restricted', 'P1'),
      b('50105', '6000'),
      b('50101', '800'),
      b('50301', '1800', 'restricted', 'P1'),
      b('50302', '300', 'restricted', 'P2'),
    ]);
    expect(show(lines)).toEqual([
      'Dr 40302(P1) 5000.00',
      'Cr 32103(P1) 5000.00',
      'Dr 401 1200.00',
      'Dr 402 30000.00',
      'Cr 32203 31200.00',
      'Cr 50301(P1) 1800.00',
      'Dr 32103(P1) 1800.00',
      'Cr 50302(P2) 300.00',
      'Dr 32103(P2) 300.00',
      'Cr 50101 800.00',
      'Cr 50105 6000.00',
      'Dr 32203 6800.00',
    ]);
    const dr = lines.filter((l) => l.side === 'debit').reduce((s, l) => s.plus(l.amount), new Decimal(0));
    const cr = lines.filter((l) => l.side === 'credit').reduce((s, l) => s.plus(l.amount), new Decimal(0));
    expect(dr.equals(cr)).toBe(true);
    expect(lines.find((l) => l.accountCode === '40302')!.fundType).toBe('restricted');
    expect(lines.find((l) => l.accountCode === '32103')!.fundType).toBeNull();
    expect(lines[0].summary).toBe('期末结转 2026-03 专项（P1）收入');
  });

  it('zeroes a balance on the unusual side too (a refund larger than the income), and nets the counter line', () => {
    expect(show(periodClosingLines(202604, [b('408', '150'), b('402', '-100')]))).toEqual(['Dr 402 100.00', 'Cr 408 150.00', 'Dr 32203 50.00']);
  });

  it('leaves no counter line where a group nets to zero, and nothing at all for an empty month', () => {
    expect(show(periodClosingLines(202605, [b('402', '-100'), b('408', '100')]))).toEqual(['Dr 402 100.00', 'Cr 408 100.00']);
    expect(periodClosingLines(202605, [b('402', '0')])).toEqual([]);
  });
});

import Decimal from 'decimal.js';
import { matchLines } from './matching.rules';

const d = (x: string) => new Decimal(x);
const s = (id: string, date: string, amount: string, reference: string | null = null) => ({ id, date, amount: d(amount), reference });
const b = (key: string, date: string, amount: string, opts: { reference?: string; voucher?: string } = {}) => ({
  key,
  date,
  amount: d(amount),
  reference: opts.reference ?? null,
  voucher: opts.voucher,
});

describe('matching rules: transfers between two shares (no bank movement)', () => {
  it('pairs one voucher’s lines on two shares with each other, before any statement line of the same amount', () => {
    const m = matchLines(
      [s('s1', '2026-04-10', '500')],
      [b('b1', '2026-04-10', '500', { voucher: 'U1|V1' }), b('b2', '2026-04-10', '-500', { voucher: 'U1|V1' }), b('b3', '2026-04-10', '500', { voucher: 'U2|V2' })],
      3,
    );
    expect(m).toEqual([
      { statement: [], book: ['b1', 'b2'], rule: 'transfer', confidence: 'high' },
      { statement: ['s1'], book: ['b3'], rule: 'amount_date', confidence: 'medium' },
    ]);
  });

  it('in a voucher whose share lines do not cancel, pairs only the lines that offset each other', () => {
    const m = matchLines(
      [],
      [b('b1', '2026-04-10', '300', { voucher: 'U1|V1' }), b('b2', '2026-04-10', '-300', { voucher: 'U1|V1' }), b('b3', '2026-04-10', '-20', { voucher: 'U1|V1' })],
      3,
    );
    expect(m).toEqual([{ statement: [], book: ['b2', 'b1'], rule: 'transfer', confidence: 'high' }]);
  });

  it('pairs book lines of one reference the bank never shows when they cancel; not when the bank shows it', () => {
    const m = matchLines(
      [s('s1', '2026-04-12', '-80', 'T2')],
      [
        b('b1', '2026-04-11', '-250', { reference: 'T1', voucher: 'U1|V1' }),
        b('b2', '2026-04-11', '250', { reference: 't1', voucher: 'U2|V2' }),
        b('b3', '2026-04-12', '-80', { reference: 'T2', voucher: 'U1|V3' }),
        b('b4', '2026-04-12', '80', { reference: 'T2', voucher: 'U2|V4' }),
      ],
      3,
    );
    expect(m).toEqual([
      { statement: [], book: ['b1', 'b2'], rule: 'transfer', confidence: 'high' },
      { statement: ['s1'], book: ['b3'], rule: 'reference', confidence: 'high' },
    ]);
  });

  it('proposes an outflow and an inflow of one amount within the window only where the statement covers their days', () => {
    const book = [
      b('b1', '2026-04-20', '-120', { voucher: 'U1|V1' }),
      b('b2', '2026-04-21', '120', { voucher: 'U2|V2' }),
      b('b3', '2026-04-28', '-90', { voucher: 'U1|V3' }),
      b('b4', '2026-04-28', '90', { voucher: 'U2|V4' }),
      b('b5', '2026-04-02', '-60', { voucher: 'U1|V5' }),
      b('b6', '2026-04-12', '60', { voucher: 'U2|V6' }),
    ];
    // statement through 04-25: the 28th is not covered yet (its bank lines may still come); 2nd and 12th too far apart
    expect(matchLines([s('s1', '2026-04-25', '7')], book, 3, '2026-04-25')).toEqual([{ statement: [], book: ['b1', 'b2'], rule: 'transfer_window', confidence: 'low' }]);
    // without a statement no pairing of that kind at all
    expect(matchLines([], book, 3, null)).toEqual([]);
  });

  it('takes bank lines first: an in and an out of one amount that the bank shows are matched to the bank', () => {
    const m = matchLines(
      [s('s1', '2026-04-20', '-120'), s('s2', '2026-04-20', '120')],
      [b('b1', '2026-04-20', '-120', { voucher: 'U1|V1' }), b('b2', '2026-04-20', '120', { voucher: 'U2|V2' })],
      3,
      '2026-04-30',
    );
    expect(m.map((x) => x.rule)).toEqual(['amount_date', 'amount_date']);
  });
});

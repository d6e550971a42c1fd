import Decimal from 'decimal.js';
import { outflows, withinFunds } from './funds.rules';

const line = (accountCode: string, side: 'debit' | 'credit', amount: string) => ({ accountCode, side, amount: new Decimal(amount) });

describe('funds checked before vouchers are written together', () => {
  it('counts what leaves a bank share: credits less debits, a red debit too; cash and other accounts are not counted', () => {
    const out = outflows([line('50105', 'debit', '100.00'), line('10201', 'credit', '80.00'), line('101', 'credit', '20.00')]);
    expect([...out]).toEqual([['10201', new Decimal('80.00')]]);
    expect([...outflows([line('10201', 'debit', '-30.00'), line('402', 'credit', '-30.00')])]).toEqual([['10201', new Decimal('30.00')]]);
  });

  it('leaves out an account the voucher only pays into, or nets to nothing', () => {
    expect(outflows([line('10201', 'debit', '50.00'), line('402', 'credit', '50.00')]).size).toBe(0);
    expect(outflows([line('10201', 'debit', '50.00'), line('10201', 'credit', '50.00')]).size).toBe(0);
  });

  it('admits vouchers whose outflows together stay within what is available, to the cent', () => {
    const available = new Map([['10201', new Decimal('100.00')]]);
    const a = new Map([['10201', new Decimal('60.00')]]);
    const b = new Map([['10201', new Decimal('40.00')]]);
    expect(withinFunds([a, b], available)).toBe(true);
    expect(withinFunds([a, b, new Map([['10201', new Decimal('0.01')]])], available)).toBe(false);
    expect(withinFunds([new Map([['10202', new Decimal('1000.00')]])], available)).toBe(true); // not read: not limited here
  });
});

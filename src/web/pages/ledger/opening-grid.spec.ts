import { emptyRow, openingBalance, openingRequest, rowsFrom } from './opening-grid';

describe('opening balances as entered', () => {
  it('adds in decimal, not float: 0.1 + 0.2 on one side balances 0.3 on the other', () => {
    const rows = [
      { account: '10201', project: '', debit: '0.1', credit: '' },
      { account: '101', project: '', debit: '0.2', credit: '' },
      { account: '32205', project: '', debit: '', credit: '0.3' },
      emptyRow(),
    ];
    const b = openingBalance(rows);
    expect(b).toMatchObject({ debit: '0.30', credit: '0.30', difference: '0.00', balanced: true, problems: [] });
  });

  it('shows the difference of an unbalanced entry', () => {
    const b = openingBalance([
      { account: '10201', project: '', debit: '50000.00', credit: '' },
      { account: '32205', project: '', debit: '', credit: '49999.99' },
    ]);
    expect(b).toMatchObject({ balanced: false, difference: '0.01' });
  });

  it('names a row with both sides, a bad amount and a repeated account', () => {
    const b = openingBalance([
      { account: '10201', project: '', debit: '1.00', credit: '1.00' },
      { account: '101', project: '', debit: '1.005', credit: '' },
      { account: '10201', project: '', debit: '2.00', credit: '' },
    ]);
    expect(b.problems.map((p) => p.line).sort()).toEqual([1, 2, 3]);
  });

  it('keeps a project apart: the same 321 sub-account for two projects is two rows', () => {
    const rows = [
      { account: '32102', project: 'P1', debit: '', credit: '100' },
      { account: '32102', project: 'P2', debit: '', credit: '200' },
      { account: '10201', project: '', debit: '300', credit: '' },
    ];
    expect(openingBalance(rows).problems).toEqual([]);
    expect(openingRequest(rows)).toEqual([
      { account: '32102', project: 'P1', credit: '100.00' },
      { account: '32102', project: 'P2', credit: '200.00' },
      { account: '10201', debit: '300.00' },
    ]);
  });

  it('round-trips what the server holds', () => {
    expect(rowsFrom([{ account: '10201', project: null, debit: '5.00', credit: null }])).toEqual([{ account: '10201', project: '', debit: '5.00', credit: '' }]);
  });
});

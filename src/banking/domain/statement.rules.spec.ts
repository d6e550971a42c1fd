import Decimal from 'decimal.js';
import { matchLines } from './matching.rules';
import { reconcile } from './reconciliation.rules';
import { chainProblems, parseStatementAmount, parseStatementDate, readStatementRows } from './statement.rules';

const d = (s: string) => new Decimal(s);

describe('statement rules', () => {
  it('reads the date forms banks write and refuses dates that do not exist', () => {
    expect(['2026-04-01', '2026/4/1', '20260401', '2026.04.01', '2026年4月1日', '2026-04-01 10:22:03', '20260401 102203'].map(parseStatementDate)).toEqual(
      Array(7).fill('2026-04-01'),
    );
    expect(['2026-02-30', '01/04/2026', 'yesterday', ''].map(parseStatementDate)).toEqual([null, null, null, null]);
  });

  it('reads amounts with separators and currency signs; a blank or dash is zero; finer than a fen is refused', () => {
    expect(['1,234.50', '¥ 8', '-', '', '0.1'].map((t) => parseStatementAmount(t)?.toFixed(2))).toEqual(['1234.50', '8.00', '0.00', '0.00', '0.10']);
    expect(parseStatementAmount('1.005')).toBeNull();
    expect(parseStatementAmount('0.30000000000000004')?.toFixed(2)).toBe('0.30');
    expect(parseStatementAmount('abc')).toBeNull();
  });

  it('finds the header below a title, by the usual names or a saved mapping, in/out or one signed column', () => {
    const rows = [['某银行账户明细'], ['交易日期', '借方发生额', '贷方发生额', '余额', '交易流水号'], ['2026-04-01', '', '100.00', '100.00', 'R1'], [], ['2026-04-02', '30', '', '70.00', 'R2']];
    const read = readStatementRows(rows, null);
    expect(read.problems).toEqual([]);
    expect(read.lines.map((l) => [l.row, l.date, l.amountIn.toFixed(2), l.amountOut.toFixed(2), l.reference])).toEqual([
      [3, '2026-04-01', '100.00', '0.00', 'R1'],
      [5, '2026-04-02', '0.00', '30.00', 'R2'],
    ]);
    const signed = readStatementRows([['记账日', '发生', '结余'], ['20260401', '-5.5', '94.50']], { date: '记账日', amount: '发生', balance: '结余' });
    expect(signed.lines.map((l) => [l.amountIn.toFixed(2), l.amountOut.toFixed(2)])).toEqual([['0.00', '5.50']]);
  });

  it('names every bad cell with its row', () => {
    const rows = [['日期', '收入', '支出', '余额'], ['2026-13-01', '1', '', '1'], ['2026-04-02', '1', '2', '0'], ['2026-04-03', 'x', '', '']];
    expect(readStatementRows(rows, null).problems.map((p) => [p.row, p.column ?? null])).toEqual([
      [2, '日期'],
      [3, null],
      [4, '收入'],
      [4, '余额'],
    ]);
  });

  it('refuses a running balance that does not chain, naming the row', () => {
    const rows = [['日期', '收入', '支出', '余额'], ['2026-04-01', '100', '', '100'], ['2026-04-02', '', '30', '60'], ['2026-04-03', '10', '', '70']];
    const { lines } = readStatementRows(rows, null);
    expect(chainProblems(lines, null).map((p) => p.row)).toEqual([3]);
    expect(chainProblems(lines.slice(0, 1), d('5')).map((p) => p.row)).toEqual([2]);
  });
});

describe('matching rules', () => {
  const s = (id: string, date: string, amount: string, reference: string | null = null) => ({ id, date, amount: d(amount), reference });
  const b = (key: string, date: string, amount: string, reference: string | null = null) => ({ key, date, amount: d(amount), reference });

  it('matches by reference first, also one bank credit to many vouchers', () => {
    const m = matchLines([s('s1', '2026-04-10', '300', 'FP1'), s('s2', '2026-04-11', '-50', 'X9')], [b('b1', '2026-04-10', '100', 'FP1'), b('b2', '2026-04-10', '200', 'fp1 '), b('b3', '2026-04-12', '-50', 'X9')], 3);
    expect(m).toEqual([
      { statement: ['s1'], book: ['b1', 'b2'], rule: 'reference', confidence: 'high' },
      { statement: ['s2'], book: ['b3'], rule: 'reference', confidence: 'high' },
    ]);
  });

  it('then amount and date: the same day is medium, within the window low, beyond it nothing', () => {
    const m = matchLines(
      [s('s1', '2026-04-10', '80'), s('s2', '2026-04-10', '-70'), s('s3', '2026-04-01', '60')],
      [b('b1', '2026-04-10', '80'), b('b2', '2026-04-08', '-70'), b('b3', '2026-04-20', '60')],
      3,
    );
    expect(m).toEqual([
      { statement: ['s1'], book: ['b1'], rule: 'amount_date', confidence: 'medium' },
      { statement: ['s2'], book: ['b2'], rule: 'amount_window', confidence: 'low' },
    ]);
  });

  it('then one statement line for a day of book lines, and one book line for a day of statement lines', () => {
    const m = matchLines(
      [s('s1', '2026-04-15', '-300'), s('s2', '2026-04-16', '40'), s('s3', '2026-04-16', '60')],
      [b('b1', '2026-04-15', '-100'), b('b2', '2026-04-15', '-200'), b('b3', '2026-04-16', '100')],
      3,
    );
    expect(m).toEqual([
      { statement: ['s1'], book: ['b1', 'b2'], rule: 'one_to_many', confidence: 'low' },
      { statement: ['s2', 's3'], book: ['b3'], rule: 'many_to_one', confidence: 'low' },
    ]);
  });

  it('pairs 10,000 statement lines with 10,000 book lines, each once', () => {
    const n = 10_000;
    const st = Array.from({ length: n }, (_, i) => s(`s${i}`, `2026-04-${String((i % 28) + 1).padStart(2, '0')}`, `${i + 1}.00`, i % 2 ? `R${i}` : null));
    const bk = Array.from({ length: n }, (_, i) => b(`b${i}`, `2026-04-${String((i % 28) + 1).padStart(2, '0')}`, `${i + 1}.00`, i % 2 ? `R${i}` : null));
    const m = matchLines(st, bk, 3);
    expect(m.length).toBe(n);
  });
});

describe('reconciliation rules', () => {
  it('adjusts each side by the other side’s items (the four kinds) and agrees', () => {
    const r = reconcile(d('1000'), d('1150'), [{ date: '2026-04-30', amount: d('200') }, { date: '2026-04-30', amount: d('-10') }], [{ date: '2026-04-30', amount: d('50') }, { date: '2026-04-29', amount: d('-10') }]);
    // books 1000 + 200 − 10 = 1190; bank 1150 + 50 − 10 = 1190
    expect([r.adjustedBook.toFixed(2), r.adjustedStatement.toFixed(2), r.agrees]).toEqual(['1190.00', '1190.00', true]);
    expect([r.bankInNotBook.length, r.bankOutNotBook.length, r.bookInNotBank.length, r.bookOutNotBank.length]).toEqual([1, 1, 1, 1]);
    expect(reconcile(d('1000'), d('999'), [], []).difference.toFixed(2)).toBe('1.00');
  });
});

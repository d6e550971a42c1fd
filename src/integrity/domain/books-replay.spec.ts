import { BooksReplay, ChainRecord } from './books-replay';
import { parseJsonb } from './jsonb-text';

let seq = 0;
const rec = (txId: string, kind: string, key: string, op: ChainRecord['op'], row: object | null): ChainRecord => ({
  seq: ++seq,
  txId,
  kind,
  key,
  op,
  row: row === null ? null : parseJsonb(JSON.stringify(row).replace(/"#([\d.-]+)"/g, '$1')),
});
/** amounts written "#12.50" become jsonb numbers with their scale */
const voucher = (tx: string, id: string, date: string, lines: [string, string, string][], op: ChainRecord['op'] = 'insert') =>
  rec(tx, 'vouchers', id, op, {
    id,
    voucher_date: date,
    period: Number(date.slice(0, 4) + date.slice(5, 7)),
    lines: lines.map(([account, debit, credit], i) => ({ line_no: i + 1, account_code: account, voucher_date: date, debit: `#${debit}`, credit: `#${credit}` })),
  });
const closeEvent = (tx: string, period: number, action: 'close' | 'reopen') => rec(tx, 'period_events', `e${seq}`, 'insert', { period, action });
const reservation = (tx: string, id: string, amount: string, status: string, op: ChainRecord['op'] = 'insert') =>
  rec(tx, 'fund_reservations', id, op, { id, account_code: '10201', amount: `#${amount}`, status });

const checks = (records: ChainRecord[]) => {
  const replay = new BooksReplay();
  records.forEach((r) => replay.feed(r));
  return replay.result().map((p) => p.check);
};

describe('BooksReplay', () => {
  it('accepts ordinary books: funded, reserved, paid', () => {
    expect(
      checks([
        voucher('1', 'v1', '2026-01-05', [['10201', '100.00', '0.00'], ['402', '0.00', '100.00']]),
        reservation('2', 'r1', '80.00', 'open'),
        reservation('3', 'r1', '80.00', 'consumed', 'update'),
        voucher('3', 'v2', '2026-02-05', [['50105', '80.00', '0.00'], ['10201', '0.00', '80.00']]),
        closeEvent('4', 202601, 'close'),
        closeEvent('5', 202601, 'reopen'),
        voucher('6', 'v3', '2026-01-20', [['50105', '5.00', '0.00'], ['10201', '0.00', '5.00']]),
      ]),
    ).toEqual([]);
  });

  it('finds a voucher posted into a month closed before it (not reopened)', () => {
    expect(checks([closeEvent('1', 202601, 'close'), voucher('2', 'v1', '2026-01-05', [['101', '1.00', '0.00'], ['402', '0.00', '1.00']])])).toEqual([
      'posted-into-closed-period',
    ]);
    // adopted records carry no order
    expect(checks([closeEvent('1', 202601, 'close'), voucher('1', 'v1', '2026-01-05', [['101', '1.00', '0.00'], ['402', '0.00', '1.00']], 'adopt')])).toEqual([]);
  });

  it('finds an unbalanced voucher and a line dated apart from its voucher', () => {
    expect(checks([voucher('1', 'v1', '2026-01-05', [['101', '1.00', '0.00'], ['402', '0.00', '2.00']])])).toEqual(['voucher-unbalanced']);
    const moved = voucher('1', 'v1', '2026-02-05', [['101', '1.00', '0.00'], ['402', '0.00', '1.00']]);
    const lines = (moved.row as { entries: Map<string, { items: { entries: Map<string, unknown> }[] }> }).entries.get('lines')!.items;
    lines[0].entries.set('voucher_date', { t: 'string', value: '2026-01-31' });
    expect(checks([moved])).toEqual(['line-date-differs']);
  });

  it('finds a voucher reversed twice', () => {
    expect(checks([rec('1', 'voucher_reversals', 'v1', 'insert', { reversal_id: 'r1' }), rec('2', 'voucher_reversals', 'v1', 'insert', { reversal_id: 'r2' })])).toEqual([
      'reversed-twice',
    ]);
  });

  it('counts opening balances keyed by line number toward their account (321 has one line per project)', () => {
    const opening = (tx: string, line: number, account: string, amount: string) =>
      rec(tx, 'opening_balances', String(line), 'insert', { line_no: line, account_code: account, amount: `#${amount}` });
    const spend = voucher('3', 'v1', '2026-01-06', [['50105', '150.00', '0.00'], ['10201', '0.00', '150.00']]);
    expect(checks([opening('1', 1, '10201', '100.00'), opening('2', 2, '10201', '50.00'), spend])).toEqual([]);
    expect(checks([opening('1', 1, '10201', '100.00'), opening('2', 2, '32205', '50.00'), spend])).toEqual(['funds-negative']);
  });

  it('finds available funds below zero after a commit the database would have checked, judging a transaction as a whole', () => {
    const funded = voucher('1', 'v1', '2026-01-05', [['10201', '100.00', '0.00'], ['402', '0.00', '100.00']]);
    expect(checks([funded, reservation('2', 'r1', '100.01', 'open')])).toEqual(['funds-negative']);
    expect(checks([funded, voucher('2', 'v2', '2026-01-06', [['50105', '100.01', '0.00'], ['10201', '0.00', '100.01']])])).toEqual(['funds-negative']);
    // one transaction: the payment first, then its reservation consumed — fine at commit
    expect(
      checks([
        funded,
        reservation('2', 'r1', '100.00', 'open'),
        voucher('3', 'v2', '2026-01-06', [['50105', '100.00', '0.00'], ['10201', '0.00', '100.00']]),
        reservation('3', 'r1', '100.00', 'consumed', 'update'),
      ]),
    ).toEqual([]);
    // an opening balance counts; money coming in is never checked
    expect(checks([rec('1', 'opening_balances', '10201', 'insert', { amount: '#-5.00' }), voucher('2', 'v1', '2026-01-05', [['10201', '1.00', '0.00'], ['402', '0.00', '1.00']])])).toEqual([]);
  });
});

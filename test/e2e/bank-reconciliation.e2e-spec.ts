import { newCenter, newUnion, postVoucher } from '../support/builders';
import { csvText, gbk, xlsxFile } from '../support/banking';
import { Http, startTestApp, TestApp } from '../support/test-app';

const HEADER = ['交易日期', '借方发生额', '贷方发生额', '余额', '对方户名', '交易流水号', '摘要'];
/** The bank's April, oldest first: [date, out, in, balance, counterpart, reference, summary]. */
const APRIL: string[][] = [
  ['2026-04-02', '', '1,000.00', '1000.00', '某某市总工会', 'ICBC-001', '经费返还'],
  ['2026/04/05', '', '500.00', '1500.00', '会员', '', '会费'],
  ['20260410', '', '300.00', '1800.00', '某公司', '', '捐赠'],
  ['2026-04-15', '300.00', '', '1500.00', '某旅行社', '', '代发'],
  ['2026-04-16', '', '40.00', '1540.00', '甲', '', '退款'],
  ['2026-04-16', '', '60.00', '1600.00', '乙', '', '退款'],
  ['2026-04-28', '', '20.00', '1620.00', '', '', '利息'],
  ['2026-04-29', '5.00', '', '1615.00', '', '', '手续费'],
];

/**
 * 银行对账: statement import (formats, duplicates, chained balances), automatic matching by each rule with
 * the review queue, manual match and unmatch, the 余额调节表 with all four kinds of items, and the sign-off.
 */
describe('bank statements and reconciliation', () => {
  let t: TestApp;
  let centerId: string;
  let accountId: string;
  let cashier: Http;
  let A: string;
  let B: string;
  const base = () => `/api/centers/${centerId}/bank-accounts/${accountId}`;
  const upload = (file: Buffer, name: string, fields: Record<string, string> = {}) => {
    let req = cashier().post(`${base()}/statements`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, name);
  };
  const lineCount = async () => (await t.sql.query(`SELECT count(*)::int AS n FROM bank_statement_lines WHERE center_id = $1`, [centerId])).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await newCenter(t)).id;
    accountId = (await t.reviewer().get(`/api/centers/${centerId}/bank-accounts`).expect(200)).body[0].id;
    cashier = (await t.userWith([{ role: 'cashier', centerId }], 'cashier')).http;
    A = (await newUnion(t, { centerId })).id;
    B = (await newUnion(t, { centerId })).id;
    // the books of April: a receipt with the bank's reference, then vouchers by hand
    const receipt = await cashier().post(`/api/unions/${A}/receipts`).set('Idempotency-Key', 'recon-receipt-1')
      .send({ kind: 'allocation', amount: '1000.00', date: '2026-04-02', payer: '某某市总工会', bankReference: 'ICBC-001' }).expect(201);
    await t.http().post(`/api/unions/${A}/receipts/${receipt.body.id}/post`).expect(200);
    const inc = (u: string, date: string, amount: string) => postVoucher(t, u, date, [{ account: '10201', debit: amount }, { account: '408', credit: amount }]);
    const pay = (u: string, date: string, amount: string) => postVoucher(t, u, date, [{ account: '50101', debit: amount }, { account: '10201', credit: amount }]);
    await inc(B, '2026-04-05', '500.00'); // same amount, same day
    await inc(A, '2026-04-08', '300.00'); // the bank books it two days later
    await pay(A, '2026-04-15', '100.00'); // one transfer paying two unions' bills
    await pay(B, '2026-04-15', '200.00');
    await inc(B, '2026-04-16', '100.00'); // the bank shows it as two credits
    await inc(A, '2026-04-30', '70.00'); // 企业已收银行未收
    await pay(B, '2026-04-30', '30.00'); // 企业已付银行未付
  });
  afterAll(() => t.close());

  it('imports a GBK CSV under a title, matches it at once, and leaves the low-confidence pairs for review', async () => {
    const csv = gbk('中国工商银行 账户明细\r\n' + csvText(HEADER, APRIL.slice(0, 5)));
    const res = await upload(csv, 'april-1.csv').expect(201);
    expect(res.body).toMatchObject({ statement: { lineCount: 5, newLines: 5, firstDate: '2026-04-02', lastDate: '2026-04-16', fileFormat: 'csv' }, duplicates: 0, matched: { confirmed: 2, proposed: 2 } });
    const matches = (await cashier().get(`${base()}/matches`).expect(200)).body.items;
    expect(matches.map((m: { rule: string; status: string }) => `${m.rule}:${m.status}`).sort()).toEqual(['amount_date:confirmed', 'amount_window:proposed', 'one_to_many:proposed', 'reference:confirmed']);
    const oneToMany = matches.find((m: { rule: string }) => m.rule === 'one_to_many');
    expect(oneToMany.book.map((b: { amount: string }) => b.amount).sort()).toEqual(['-100.00', '-200.00']);
    expect(oneToMany.statement.map((s: { amount: string }) => s.amount)).toEqual(['-300.00']);
    const ref = matches.find((m: { rule: string }) => m.rule === 'reference');
    expect([ref.confidence, ref.book[0].reference, ref.book[0].unionId]).toEqual(['high', 'ICBC-001', A]);
  });

  it('recognises lines already imported, and refuses a file whose running balance breaks or that skips lines', async () => {
    const xlsx = await xlsxFile(HEADER, APRIL.slice(2).reverse(), ['对账单']); // newest first, as some banks export
    const res = await upload(xlsx, 'april-2.xlsx').expect(201);
    expect(res.body).toMatchObject({ statement: { lineCount: 6, newLines: 3, fileFormat: 'xlsx' }, duplicates: 3, matched: { confirmed: 0, proposed: 1 } });
    const again = await upload(xlsx, 'april-2.xlsx').expect(201);
    expect(again.body).toMatchObject({ statement: { newLines: 0 }, duplicates: 6 });
    const before = await lineCount();

    const broken = await upload(Buffer.from(csvText(HEADER, [['2026-05-06', '', '10.00', '1625.00', '', 'M1', ''], ['2026-05-07', '', '10.00', '1645.00', '', 'M2', '']])), 'may.csv');
    expect([broken.status, broken.body.code]).toEqual([422, 'STATEMENT_INVALID']);
    expect(broken.body.details.rows).toEqual([{ row: 3, message: expect.stringContaining('应为 1635.00') }]);
    const gap = await upload(Buffer.from(csvText(HEADER, [['2026-05-06', '', '10.00', '1700.00', '', 'M1', '']])), 'may.csv');
    expect([gap.status, gap.body.details.rows[0].message]).toEqual([422, expect.stringContaining('应为 1625.00')]);
    const bad = await upload(Buffer.from(csvText(HEADER, [['2026-02-30', '', 'abc', '1', '', '', '']])), 'bad.csv');
    expect(bad.body.details.rows.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual(['2:交易日期', '2:贷方发生额']);
    expect(await lineCount()).toBe(before);

    const lines = (await cashier().get(`${base()}/statement-lines?unmatched=true`).expect(200)).body;
    expect(lines.items.map((l: { amountIn: string; amountOut: string }) => `${l.amountIn}/${l.amountOut}`)).toEqual(['20.00/0.00', '0.00/5.00']);
    expect((await cashier().get(`${base()}/statements`).expect(200)).body.total).toBe(3);
  });

  it('uses a saved column mapping per bank, with one signed amount column', async () => {
    const invalid = await cashier().post(`/api/centers/${centerId}/statement-formats`).send({ bankName: '建设银行', name: 'x', columns: { date: '日', amount: '额', amountIn: '收', balance: '余' } });
    expect([invalid.status, invalid.body.code]).toEqual([422, 'STATEMENT_FORMAT_INVALID']);
    const format = await cashier().post(`/api/centers/${centerId}/statement-formats`).send({ bankName: '中国建设银行', name: '账户明细', columns: { date: '记账日', amount: '发生额', balance: '结余' } }).expect(201);
    const renamed = await cashier().put(`/api/centers/${centerId}/statement-formats/${format.body.id}`).send({ bankName: '中国建设银行', name: '账户明细（新版）', columns: { date: '记账日', amount: '交易金额', balance: '结余', reference: '凭证号' } }).expect(200);
    expect(renamed.body.columns).toEqual({ date: '记账日', amount: '交易金额', balance: '结余', reference: '凭证号' });
    const missing = await cashier().put(`/api/centers/${centerId}/statement-formats/${accountId}`).send({ bankName: 'x', name: 'x', columns: { date: 'a', amount: 'b', balance: 'c' } });
    expect(missing.status).toBe(404);
    expect((await cashier().get(`/api/centers/${centerId}/statement-formats`).expect(200)).body).toHaveLength(1);
    // the same April lines in the other bank's layout: all recognised, nothing added
    const rows = APRIL.map((r) => [r[0], r[1] ? `-${r[1]}` : r[2], r[3], r[5]]);
    const res = await upload(Buffer.from(csvText(['记账日', '交易金额', '结余', '凭证号'], rows)), 'ccb.csv', { formatId: format.body.id }).expect(201);
    expect(res.body).toMatchObject({ statement: { formatId: format.body.id, newLines: 0 }, duplicates: 8 });
    const unknown = await upload(Buffer.from('x'), 'x.csv', { formatId: accountId });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'STATEMENT_FORMAT_INVALID']);
  });

  it('confirms, rejects and undoes matches, and matches by hand only when the sums agree', async () => {
    const proposed = (await cashier().get(`${base()}/matches?status=proposed`).expect(200)).body.items;
    expect(proposed.map((m: { rule: string }) => m.rule).sort()).toEqual(['amount_window', 'many_to_one', 'one_to_many']);
    const early = await cashier().post(`${base()}/reconciliation/sign-off`).send({ throughDate: '2026-04-29' });
    expect([early.status, early.body.code]).toEqual([409, 'RECONCILIATION_NOT_READY']);
    for (const m of proposed) await cashier().post(`${base()}/matches/${m.id}/confirm`).expect(200);
    const twice = await cashier().post(`${base()}/matches/${proposed[0].id}/confirm`);
    expect([twice.status, twice.body.code]).toEqual([409, 'MATCH_STATUS']);

    // undo the same-day match and make it again by hand
    const sameDay = (await cashier().get(`${base()}/matches?status=confirmed`).expect(200)).body.items.find((m: { rule: string }) => m.rule === 'amount_date');
    const undone = await cashier().post(`${base()}/matches/${sameDay.id}/unmatch`).expect(200);
    expect(undone.body.status).toBe('undone');
    const gone = await cashier().post(`${base()}/matches/${sameDay.id}/unmatch`);
    expect([gone.status, gone.body.code]).toEqual([409, 'MATCH_STATUS']);
    const [s] = sameDay.statement;
    const [b] = sameDay.book;
    const ref = { unionId: b.unionId, voucherId: b.voucherId, lineNo: b.lineNo };
    const fee = (await cashier().get(`${base()}/statement-lines?unmatched=true&from=2026-04-29`).expect(200)).body.items[0];
    const unequal = await cashier().post(`${base()}/matches`).send({ statementLineIds: [s.id, fee.id], bookLines: [ref] });
    expect([unequal.status, unequal.body.code]).toEqual([422, 'MATCH_INVALID']);
    const manual = await cashier().post(`${base()}/matches`).send({ statementLineIds: [s.id], bookLines: [ref] }).expect(201);
    expect(manual.body).toMatchObject({ rule: 'manual', status: 'confirmed', statement: [{ amount: '500.00' }], book: [{ amount: '500.00' }] });
    const taken = await cashier().post(`${base()}/matches`).send({ statementLineIds: [s.id], bookLines: [ref] });
    expect([taken.status, taken.body.code]).toEqual([409, 'MATCH_TAKEN']);
    const auto = await cashier().post(`${base()}/matches/auto`).expect(200);
    expect(auto.body).toEqual({ confirmed: 0, proposed: 0 });
  });

  it('draws up the 余额调节表 with each of the four kinds of items, and signs it off once it agrees', async () => {
    const r = (await t.reviewer().get(`${base()}/reconciliation?period=2026-04`).expect(200)).body;
    expect(r).toMatchObject({
      date: '2026-04-30',
      statementDate: '2026-04-29',
      bookBalance: '1640.00',
      statementBalance: '1615.00',
      bankInNotBook: { total: '20.00', lines: [{ amount: '20.00', summary: '利息' }] },
      bankOutNotBook: { total: '5.00', lines: [{ amount: '-5.00', summary: '手续费' }] },
      bookInNotBank: { total: '70.00', lines: [{ amount: '70.00', unionId: A }] },
      bookOutNotBank: { total: '30.00', lines: [{ amount: '-30.00', unionId: B }] },
      adjustedBook: '1655.00',
      adjustedStatement: '1655.00',
      difference: '0.00',
      agrees: true,
      pendingProposals: 0,
      lastSignOff: null,
    });
    const late = await cashier().post(`${base()}/reconciliation/sign-off`).send({ throughDate: '2026-04-30' });
    expect([late.status, late.body.code]).toEqual([409, 'RECONCILIATION_NOT_READY']);
    const signed = await cashier().post(`${base()}/reconciliation/sign-off`).send({ throughDate: '2026-04-29', note: '4 月对账' }).expect(201);
    expect(signed.body).toMatchObject({ throughDate: '2026-04-29', bookBalance: '1600.00', statementBalance: '1615.00', adjustedBalance: '1615.00', openItems: 2 });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bank-reconciliation.sign-off' AND entity_id = $1`, [accountId]);
    expect(rows[0].n).toBe(1);
    const summary = (await t.reviewer().get(`/api/centers/${centerId}/bank-reconciliation`).expect(200)).body;
    expect(summary).toEqual([expect.objectContaining({ bankAccountId: accountId, statementThrough: '2026-04-29', unreconciledItems: 2, unreconciledAmount: '25.00', reconciledThrough: '2026-04-29', pendingProposals: 0, difference: '0.00' })]);

    // the position endpoint shows the bank's own figure next to the books
    const position = (await t.reviewer().get(`${base()}/position?date=2026-04-29`).expect(200)).body;
    expect(position.statement).toEqual({ date: '2026-04-29', balance: '1615.00' });

    // a difference nobody explains (a statement line slipped in behind the chain) blocks the sign-off
    await t.sql.query(
      `INSERT INTO bank_statement_lines (center_id, bank_account_id, id, seq, statement_id, row_no, txn_date, amount_in, amount_out, balance)
       SELECT center_id, bank_account_id, gen_random_uuid(), seq + 1, statement_id, row_no, txn_date, 0.01, 0, 1700.00
         FROM bank_statement_lines WHERE center_id = $1 ORDER BY seq DESC LIMIT 1`,
      [centerId],
    );
    const off = await cashier().post(`${base()}/reconciliation/sign-off`).send({ throughDate: '2026-04-29' });
    expect([off.status, off.body.code, off.body.details.difference]).toEqual([409, 'RECONCILIATION_DIFFERENCE', '-84.99']);
  });

  it('answers 404 for another center’s account, and to a union’s chair for the center’s bank', async () => {
    const other = (await newCenter(t)).id;
    for (const path of ['statements', 'statement-lines', 'matches', 'reconciliation']) {
      const res = await t.reviewer().get(`/api/centers/${other}/bank-accounts/${accountId}/${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await cashier().post(`/api/centers/${centerId}/bank-accounts/${A}/matches/auto`)).status).toBe(404);
    // a union's chair has no part in the center's bank: the center is not theirs
    const chair = (await t.userWith([{ role: 'chair', unionId: A }], 'chair')).http;
    expect((await chair().get(`/api/centers/${centerId}/statement-formats`)).status).toBe(404);
    expect((await chair().get(`/api/centers/${centerId}/bank-reconciliation`)).status).toBe(404);
  });
});

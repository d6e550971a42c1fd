import { newCenter, newUnion, postVoucher } from '../support/builders';
import { csvText } from '../support/banking';
import { Http, startTestApp, TestApp } from '../support/test-app';

const HEADER = ['交易日期', '借方发生额', '贷方发生额', '余额', '交易流水号', '摘要'];

interface BookLine {
  unionId: string;
  voucherId: string;
  lineNo: number;
  amount: string;
}

/**
 * 内部划转: union A passes 250.00 to union B inside the pooled account (two hand-made vouchers, no bank
 * movement). The two book lines are paired with each other — proposed, since nothing but amount and date ties
 * them — never with a statement line; by hand they may be matched without any statement line. The database
 * refuses a match whose sides do not add up, whoever writes it.
 */
describe('bank reconciliation: transfers between two shares of one pooled account', () => {
  let t: TestApp;
  let centerId: string;
  let accountId: string;
  let cashier: Http;
  let A: string;
  let B: string;
  let C: string;
  const base = () => `/api/centers/${centerId}/bank-accounts/${accountId}`;
  const ref = (l: BookLine) => ({ unionId: l.unionId, voucherId: l.voucherId, lineNo: l.lineNo });

  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await newCenter(t)).id;
    accountId = (await t.reviewer().get(`/api/centers/${centerId}/bank-accounts`).expect(200)).body[0].id;
    cashier = (await t.userWith([{ role: 'cashier', centerId }], 'cashier')).http;
    [A, B, C] = [(await newUnion(t, { centerId })).id, (await newUnion(t, { centerId })).id, (await newUnion(t, { centerId })).id];
    const receipt = await cashier().post(`/api/unions/${C}/receipts`).set('Idempotency-Key', 'transfer-receipt-1')
      .send({ kind: 'allocation', amount: '1000.00', date: '2026-04-02', payer: '某某市总工会', bankReference: 'ICBC-T1' }).expect(201);
    await t.http().post(`/api/unions/${C}/receipts/${receipt.body.id}/post`).expect(200);
    await postVoucher(t, A, '2026-04-09', [{ account: '10201', debit: '400.00' }, { account: '408', credit: '400.00' }]); // opening money of A
    // A passes 250.00 to B on the 10th; B books it the next day. No bank movement: both shares are in one account
    await postVoucher(t, A, '2026-04-10', [{ account: '50101', debit: '250.00' }, { account: '10201', credit: '250.00' }]);
    await postVoucher(t, B, '2026-04-11', [{ account: '10201', debit: '250.00' }, { account: '408', credit: '250.00' }]);
    // another one in May, after the last statement line: the bank may still show movements for those days
    await postVoucher(t, A, '2026-05-03', [{ account: '50101', debit: '60.00' }, { account: '10201', credit: '60.00' }]);
    await postVoucher(t, B, '2026-05-03', [{ account: '10201', debit: '60.00' }, { account: '408', credit: '60.00' }]);
  });
  afterAll(() => t.close());

  it('proposes the two book lines as one transfer, with no statement line, and matches the bank’s lines to the rest', async () => {
    const file = csvText(HEADER, [
      ['2026-04-02', '', '1000.00', '1000.00', 'ICBC-T1', '经费返还'],
      ['2026-04-09', '', '400.00', '1400.00', '', '收入'],
      ['2026-04-30', '', '5.00', '1405.00', '', '利息'],
    ]);
    const res = await cashier().post(`${base()}/statements`).attach('file', Buffer.from(file), 'april.csv').expect(201);
    expect(res.body.matched).toEqual({ confirmed: 2, proposed: 1 });
    const [proposal] = (await cashier().get(`${base()}/matches?status=proposed`).expect(200)).body.items;
    expect(proposal).toMatchObject({ rule: 'transfer_window', confidence: 'low', statement: [] });
    expect(proposal.book.map((b: BookLine & { date: string }) => `${b.unionId === A ? 'A' : 'B'} ${b.date} ${b.amount}`)).toEqual(['A 2026-04-10 -250.00', 'B 2026-04-11 250.00']);

    // until confirmed, the transfer shows as two items that cancel each other
    const before = (await cashier().get(`${base()}/reconciliation?period=2026-04`).expect(200)).body;
    expect([before.bookInNotBank.total, before.bookOutNotBank.total, before.agrees, before.pendingProposals]).toEqual(['250.00', '250.00', true, 1]);
    await cashier().post(`${base()}/matches/${proposal.id}/confirm`).expect(200);
    const after = (await cashier().get(`${base()}/reconciliation?period=2026-04`).expect(200)).body;
    expect(after).toMatchObject({ bookBalance: '1400.00', statementBalance: '1405.00', bankInNotBook: { total: '5.00' }, bookInNotBank: { total: '0.00' }, bookOutNotBank: { total: '0.00' }, agrees: true });
    await cashier().post(`${base()}/reconciliation/sign-off`).send({ throughDate: '2026-04-30' }).expect(201);

    // May's transfer lies after the statement's last line: not proposed yet
    expect((await cashier().post(`${base()}/matches/auto`).expect(200)).body).toEqual({ confirmed: 0, proposed: 0 });
  });

  it('matches a transfer by hand without a statement line only when its book lines cancel out', async () => {
    const may = (await cashier().get(`${base()}/reconciliation?date=2026-05-31`).expect(200)).body;
    const [out] = may.bookOutNotBank.lines as BookLine[];
    const [inn] = may.bookInNotBank.lines as BookLine[];
    expect([out.amount, inn.amount]).toEqual(['-60.00', '60.00']);
    const none = await cashier().post(`${base()}/matches`).send({ statementLineIds: [], bookLines: [] });
    expect([none.status, none.body.code]).toEqual([422, 'MATCH_INVALID']);
    const alone = await cashier().post(`${base()}/matches`).send({ statementLineIds: [], bookLines: [ref(inn)] });
    expect([alone.status, alone.body.code]).toEqual([422, 'MATCH_INVALID']);
    const receiptLine = (await cashier().get(`${base()}/matches?status=confirmed`).expect(200)).body.items.find((m: { rule: string }) => m.rule === 'reference').book[0];
    const uneven = await cashier().post(`${base()}/matches`).send({ statementLineIds: [], bookLines: [ref(out), ref(receiptLine)] });
    expect([uneven.status, uneven.body.code]).toEqual([422, 'MATCH_INVALID']);
    const manual = await cashier().post(`${base()}/matches`).send({ statementLineIds: [], bookLines: [ref(out), ref(inn)] }).expect(201);
    expect(manual.body).toMatchObject({ rule: 'manual', status: 'confirmed', statement: [] });
    const settled = (await cashier().get(`${base()}/reconciliation?date=2026-05-31`).expect(200)).body;
    expect([settled.bookInNotBank.lines.length, settled.bookOutNotBank.lines.length]).toEqual([0, 0]);
  });

  it('refuses in the database a match whose sides do not add up or that has fewer than two lines', async () => {
    const lines = (await t.sql.query(`SELECT id, amount_in FROM bank_statement_lines WHERE center_id = $1 ORDER BY seq`, [centerId])).rows;
    const book = (await t.sql.query(
      `SELECT vl.union_id, vl.voucher_id, vl.line_no FROM voucher_lines vl WHERE vl.union_id = $1 AND vl.account_code = '10201' AND vl.voucher_date = '2026-04-09'`,
      [A],
    )).rows[0];
    const attempt = async (items: { s?: string; b?: typeof book }[]) => {
      const c = await t.sql.connect();
      try {
        await c.query('BEGIN');
        const id = (await c.query(
          `INSERT INTO bank_matches (center_id, id, bank_account_id, rule, confidence, status, created_by_name) VALUES ($1, gen_random_uuid(), $2, 'manual', 'high', 'confirmed', 'sql') RETURNING id`,
          [centerId, accountId],
        )).rows[0].id;
        // one statement, as the service writes a match: the check runs once per statement over the matches it touched
        const values = items.map((_, k) => `($1, $2, ${k + 1}, $${3 + 4 * k}::uuid, $${4 + 4 * k}::uuid, $${5 + 4 * k}::uuid, $${6 + 4 * k}::smallint, false)`);
        await c.query(
          `INSERT INTO bank_match_items (center_id, match_id, item_no, statement_line_id, union_id, voucher_id, line_no, live) VALUES ${values.join(', ')}`,
          [centerId, id, ...items.flatMap((i) => [i.s ?? null, i.b?.union_id ?? null, i.b?.voucher_id ?? null, i.b?.line_no ?? null])],
        );
        await c.query('ROLLBACK');
        return 'inserted';
      } catch (e) {
        await c.query('ROLLBACK');
        return (e as { code?: string }).code;
      } finally {
        c.release();
      }
    };
    expect(lines[1].amount_in).toBe('400.00');
    expect(await attempt([{ b: book }])).toBe('UL054'); // one line
    expect(await attempt([{ s: lines[0].id }, { b: book }])).toBe('UL054'); // 1000.00 against 400.00
    expect(await attempt([{ s: lines[2].id }, { b: book }])).toBe('UL054'); // 5.00 against 400.00
    // the check is not vacuous: a statement line and a book line that add up go through
    expect(await attempt([{ s: lines[1].id }, { b: book }])).toBe('inserted');
  });
});

import { PoolClient } from 'pg';
import { newUnion, postVoucher } from '../support/builders';
import { inTx as inTxOn, postViaSql, sqlState } from '../support/sql';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The ledger invariants hold in the database itself: these tests go around the API with plain SQL and
 * under concurrency, and expect PostgreSQL to refuse.
 */
describe('ledger invariants in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const inTx = <T>(work: (c: PoolClient) => Promise<T>) => inTxOn(t.sql, work);

  it('accepts a balanced voucher posted with SQL, numbering it itself and applying its balances', async () => {
    const u = await newUnion(t);
    await inTx((c) => postViaSql(c, u.id, '01900000-0000-7000-8000-000000000010', [['10201', '12.00', '0'], ['402', '0', '12.00']]));
    const { rows } = await t.sql.query(`SELECT number FROM vouchers WHERE union_id = $1`, [u.id]);
    expect(rows).toEqual([{ number: 1 }]); // the 99 we sent is ignored
    const tb = await t.http().get(`/api/unions/${u.id}/trial-balance?from=2026-02&to=2026-02`).expect(200);
    expect(tb.body.totals.debit).toBe('12.00');
  });

  it('refuses to commit an unbalanced posted voucher written with SQL', async () => {
    const u = await newUnion(t);
    const id = '01900000-0000-7000-8000-000000000001';
    const state = await sqlState(inTx((c) => postViaSql(c, u.id, id, [['10201', '100.00', '0'], ['402', '0', '90.00']])));
    expect(state).toBe('UL003');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u.id]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a posted voucher with one line, wrong signs, or accounts that are not active leaves', async () => {
    const u = await newUnion(t);
    await t.sql.query(`UPDATE accounts SET is_active = false WHERE union_id = $1 AND code = '135'`, [u.id]);
    const states = await Promise.all([
      sqlState(inTx((c) => postViaSql(c, u.id, '01900000-0000-7000-8000-000000000002', [['10201', '100.00', '0']]))),
      sqlState(inTx((c) => postViaSql(c, u.id, '01900000-0000-7000-8000-000000000003', [['101', '-5.00', '0'], ['402', '0', '-5.00']]))),
      sqlState(inTx((c) => postViaSql(c, u.id, '01900000-0000-7000-8000-000000000004', [['102', '5.00', '0'], ['402', '0', '5.00']]))),
      sqlState(inTx((c) => postViaSql(c, u.id, '01900000-0000-7000-8000-000000000005', [['135', '5.00', '0'], ['402', '0', '5.00']]))),
    ]);
    expect(states).toEqual(['UL003', 'UL003', 'UL004', 'UL004']);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u.id]);
    expect(rows[0].n).toBe(0);
  });

  it('lets lines join only a voucher posted by the same transaction', async () => {
    const u = await newUnion(t);
    const v = await postVoucher(t, u.id, '2026-02-11', [{ account: '10201', debit: '50.00' }, { account: '402', credit: '50.00' }]);
    const addBalancedPair = (voucherId: string) =>
      inTx(async (c) => {
        for (const [n, account, debit, credit] of [[3, '10201', '5', '0'], [4, '402', '0', '5']] as const) {
          await c.query(
            `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
             VALUES ($1, $2, $3, '2026-02-11', 'x', $4, $5, $6)`,
            [u.id, voucherId, n, account, debit, credit],
          );
        }
      });
    expect(await sqlState(addBalancedPair(v.id))).toBe('UL002');
    expect(await sqlState(addBalancedPair('01900000-0000-7000-8000-00000000dead'))).toBe('UL002');
    const reread = await t.http().get(`/api/unions/${u.id}/vouchers/${v.id}`).expect(200);
    expect(reread.body.lines).toHaveLength(2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of posted vouchers and their lines', async () => {
    const u = await newUnion(t);
    const v = await postVoucher(t, u.id, '2026-02-11', [{ account: '10201', debit: '50.00' }, { account: '402', credit: '50.00' }]);
    const attempts = [
      `UPDATE vouchers SET voucher_date = '2026-02-12', period = 202602 WHERE id = '${v.id}'`,
      `UPDATE vouchers SET number = 7 WHERE id = '${v.id}'`,
      `DELETE FROM vouchers WHERE id = '${v.id}'`,
      `UPDATE voucher_lines SET debit = 60 WHERE voucher_id = '${v.id}' AND line_no = 1`,
      `DELETE FROM voucher_lines WHERE voucher_id = '${v.id}'`,
      `TRUNCATE vouchers CASCADE`,
      `TRUNCATE voucher_lines`,
    ];
    for (const sql of attempts) {
      expect([sql, await sqlState(t.sql.query(sql))]).toEqual([sql, 'UL002']);
    }
    const reread = await t.http().get(`/api/unions/${u.id}/vouchers/${v.id}`).expect(200);
    expect(reread.body).toMatchObject({ totalDebit: '50.00', date: '2026-02-11', status: 'posted' });
  });

  it('keeps the number counter out of reach: it moves only by posting', async () => {
    const u = await newUnion(t);
    await postVoucher(t, u.id, '2026-02-11', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
    expect(await sqlState(t.sql.query(`UPDATE voucher_sequences SET last_number = last_number + 1 WHERE union_id = $1`, [u.id]))).toBe('UL007');
    expect(await sqlState(t.sql.query(`DELETE FROM voucher_sequences WHERE union_id = $1`, [u.id]))).toBe('UL007');
    const next = await postVoucher(t, u.id, '2026-02-12', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
    expect(next.number).toBe(2);
  });

  it("refuses a line on another union's account (composite foreign key)", async () => {
    const a = await newUnion(t);
    const b = await newUnion(t);
    await t.http().post(`/api/unions/${b.id}/accounts`).send({ parentCode: '50106', code: '5010688', name: 'B 独有' }).expect(201);
    const state = await sqlState(
      inTx((c) => postViaSql(c, a.id, '01900000-0000-7000-8000-000000000006', [['5010688', '1.00', '0'], ['402', '0', '1.00']])),
    );
    expect(state).toBe('23503');
  });

  it('refuses writes into a closed period, also by SQL', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await postVoucher(t, u.id, '2026-01-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
    await t.http().post(`/api/unions/${u.id}/periods/2026-01/close`).expect(200);
    const api = await t
      .http()
      .post(`/api/unions/${u.id}/vouchers`)
      .send({ date: '2026-01-20', lines: [{ summary: 's', account: '10201', debit: '1' }, { summary: 's', account: '402', credit: '1' }] })
      .expect(409);
    expect(api.body.code).toBe('PERIOD_CLOSED');
    const sql = await sqlState(inTx((c) => postViaSql(c, u.id, '01900000-0000-7000-8000-000000000007', [['10201', '1', '0'], ['402', '0', '1']], '2026-01-20')));
    expect(sql).toBe('UL001');
    const draft = await sqlState(
      t.sql.query(
        `INSERT INTO voucher_drafts (union_id, id, voucher_date, period, voucher_type, preparer)
         VALUES ($1, '01900000-0000-7000-8000-000000000008', '2026-01-20', 202601, 'general', 'sql')`,
        [u.id],
      ),
    );
    expect(draft).toBe('UL001');
    expect(await sqlState(t.sql.query(`UPDATE periods SET status = 'open' WHERE union_id = $1`, [u.id]))).toBe('UL008');
    expect(await sqlState(t.sql.query(`DELETE FROM periods WHERE union_id = $1`, [u.id]))).toBe('UL008');
  });

  it('numbers 200 concurrent posts into one union and period 1..200, with rolled-back postings leaving no gap', async () => {
    const u = await newUnion(t);
    const drafts: string[] = [];
    for (let i = 0; i < 200; i += 20) {
      const saved = await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          postVoucher(t, u.id, `2026-02-${String(((i + j) % 28) + 1).padStart(2, '0')}`, [
            { summary: `收入 ${i + j}`, account: '10201', debit: `${i + j + 1}.00` },
            { summary: `收入 ${i + j}`, account: '402', credit: `${i + j + 1}.00` },
          ], { post: false }),
        ),
      );
      drafts.push(...saved.map((d) => d.id as string));
    }
    const posts = drafts.map((id) => t.reviewer().post(`/api/unions/${u.id}/vouchers/${id}/post`));
    // Concurrent postings that take a number and then roll back must not burn it.
    const rollbacks = Array.from({ length: 20 }, async (_, i) => {
      const c = await t.sql.connect();
      try {
        await c.query('BEGIN');
        await postViaSql(c, u.id, `01900000-0000-7000-8000-${String(100000000000 + i)}`, [['10201', '1', '0'], ['402', '0', '1']]);
      } finally {
        await c.query('ROLLBACK');
        c.release();
      }
    });
    const results = await Promise.all(posts);
    await Promise.all(rollbacks);
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const numbers = results.map((r) => r.body.number as number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const { rows } = await t.sql.query(
      `SELECT number FROM vouchers WHERE union_id = $1 ORDER BY number`,
      [u.id],
    );
    expect(rows.map((r) => r.number)).toEqual(numbers);
    // and the balance kept under that load equals the sum of the lines
    const bal = await t.sql.query(`SELECT debit FROM account_balances WHERE union_id = $1 AND account_code = '10201' AND period = 202602`, [u.id]);
    expect(bal.rows[0].debit).toBe(((200 * 201) / 2).toFixed(2));
  });
});

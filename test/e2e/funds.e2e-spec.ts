import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { fund, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Invariant 2: a union's available funds (posted balance of its share of the pooled account, 10201, minus
 * open reservations) never go below zero, whoever writes and however concurrently.
 */
describe('available funds never go below zero', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const funds = async (unionId: string) => (await t.http().get(`/api/unions/${unionId}/funds`).expect(200)).body;
  const pay = (unionId: string, amount: string, date = '2026-01-10') =>
    postVoucher(t, unionId, date, [{ account: '50105', debit: amount }, { account: '10201', credit: amount }], { post: false }).then((d) =>
      t.reviewer().post(`/api/unions/${unionId}/vouchers/${d.id}/post`),
    );
  /** A reservation opened by hand, on its own connection (what claim approval will do). */
  const reserve = async (unionId: string, amount: string) => {
    const c = new Client({ connectionString: t.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO fund_reservations (union_id, id, source_type, source_id, amount) VALUES ($1, $2, 'claim', $3, $4)`, [
        unionId,
        uuidv7(),
        uuidv7(),
        amount,
      ]);
      return 'ok';
    } catch (err) {
      return (err as { code: string }).code;
    } finally {
      await c.end();
    }
  };

  it('refuses a payment beyond the balance, and pays exactly down to zero', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '100.00');
    const over = await pay(u.id, '100.01');
    expect([over.status, over.body.code]).toEqual([409, 'INSUFFICIENT_FUNDS']);
    expect(await funds(u.id)).toEqual({ account: '10201', balance: '100.00', reserved: '0.00', available: '100.00' });
    expect((await pay(u.id, '100.00')).status).toBe(200);
    expect(await funds(u.id)).toMatchObject({ balance: '0.00', available: '0.00' });
    // by plain SQL too
    const c = await t.sql.connect();
    try {
      await c.query('BEGIN');
      const id = uuidv7();
      await c.query(`INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, preparer, posted_by) VALUES ($1, $2, '2026-01-11', 202601, 'general', 'sql', 'sql')`, [u.id, id]);
      const err = await c
        .query(
          `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
           VALUES ($1, $2, 1, '2026-01-11', 's', '50105', 1, 0), ($1, $2, 2, '2026-01-11', 's', '10201', 0, 1)`,
          [u.id, id],
        )
        .catch((e: { code: string }) => e.code);
      expect(err).toBe('UL009');
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('counts open reservations: a posting may not spend what approvals have reserved', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '500.00');
    expect(await reserve(u.id, '300.00')).toBe('ok');
    expect(await funds(u.id)).toEqual({ account: '10201', balance: '500.00', reserved: '300.00', available: '200.00' });
    expect((await pay(u.id, '200.01')).body.code).toBe('INSUFFICIENT_FUNDS');
    expect((await pay(u.id, '200.00')).status).toBe(200);
    expect(await reserve(u.id, '0.01')).toBe('UL009');
    // released reservations free the money; a reservation is released or consumed once, never deleted
    await t.sql.query(`UPDATE fund_reservations SET status = 'released', closed_at = now() WHERE union_id = $1`, [u.id]);
    expect(await funds(u.id)).toMatchObject({ reserved: '0.00', available: '300.00' });
    await expect(t.sql.query(`UPDATE fund_reservations SET status = 'open', closed_at = NULL WHERE union_id = $1`, [u.id])).rejects.toMatchObject({ code: 'UL002' });
    await expect(t.sql.query(`DELETE FROM fund_reservations WHERE union_id = $1`, [u.id])).rejects.toMatchObject({ code: 'UL002' });
  });

  it('grants exactly what the funds cover to 100 concurrent reservations, and another union is untouched', async () => {
    const u = await newUnion(t);
    const other = await newUnion(t);
    await fund(t, u.id, '5000.00');
    await fund(t, other.id, '10.00');
    const results = await Promise.all(Array.from({ length: 100 }, () => reserve(u.id, '100.00')));
    expect(results.filter((r) => r === 'ok')).toHaveLength(50);
    expect(results.filter((r) => r !== 'ok')).toEqual(Array(50).fill('UL009'));
    expect(await funds(u.id)).toMatchObject({ reserved: '5000.00', available: '0.00' });
    expect(await funds(other.id)).toMatchObject({ reserved: '0.00', available: '10.00' });
  });

  it('pays exactly what the funds cover when payments and reservations race', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '1000.00');
    const drafts = await Promise.all(
      Array.from({ length: 15 }, () => postVoucher(t, u.id, '2026-01-12', [{ account: '50105', debit: '100.00' }, { account: '10201', credit: '100.00' }], { post: false })),
    );
    const [payments, reservations] = await Promise.all([
      Promise.all(drafts.map((d) => t.reviewer().post(`/api/unions/${u.id}/vouchers/${d.id}/post`))),
      Promise.all(Array.from({ length: 10 }, () => reserve(u.id, '100.00'))),
    ]);
    const paid = payments.filter((r) => r.status === 200).length;
    const reserved = reservations.filter((r) => r === 'ok').length;
    expect(payments.filter((r) => r.status !== 200).every((r) => r.body.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    expect(paid + reserved).toBe(10);
    const f = await funds(u.id);
    expect(f).toMatchObject({ balance: `${(1000 - paid * 100).toFixed(2)}`, reserved: `${(reserved * 100).toFixed(2)}`, available: '0.00' });
  });
});

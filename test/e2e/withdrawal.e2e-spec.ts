import { randomUUID } from 'node:crypto';
import { fund, newUnion, postVoucher } from '../support/builders';
import { claimBody, claimUnion, submittedClaim } from '../support/claims';
import { inTx, postViaSql, sqlState } from '../support/sql';
import { startTestApp, TestApp } from '../support/test-app';

const OWN = { bankName: '中国建设银行某某支行', accountName: '某某公司工会委员会', accountNo: '33050161234500001234' };

/**
 * 退出集中核算 and suspension: refused while anything is open; the remaining share is paid out to the
 * union's own account by a payment voucher; a withdrawn or suspended union is read-only in the database,
 * and a posting racing the withdrawal never lands in the withdrawn union.
 */
describe('withdrawal and suspension of a union', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const withdraw = (unionId: string, body: Record<string, unknown>) => t.reviewer().post(`/api/unions/${unionId}/withdraw`).send(body);

  /** Every kind of write to a union's books, in plain SQL; each answers OK or the SQLSTATE it failed with. */
  async function sqlWrites(unionId: string): Promise<Record<string, string>> {
    const one = (sql: string, params: unknown[] = []) => sqlState(t.sql.query(sql, [unionId, ...params]));
    return {
      voucher: await sqlState(inTx(t.sql, (c) => postViaSql(c, unionId, randomUUID(), [['10201', '1.00', '0'], ['402', '0', '1.00']], '2026-06-10'))),
      draft: await one(`INSERT INTO voucher_drafts (union_id, id, voucher_date, period, voucher_type, preparer) VALUES ($1, $2, '2026-06-10', 202606, 'general', 'sql')`, [randomUUID()]),
      reservation: await one(`INSERT INTO fund_reservations (union_id, id, source_type, source_id, amount) VALUES ($1, $2, 'claim', $2, 1)`, [randomUUID()]),
      account: await one(`INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard) VALUES ($1, '5010601', 'x', 'expense', 'debit', '50106', 3, false)`),
      project: await one(`INSERT INTO projects (union_id, code, name) VALUES ($1, 'P9', 'x')`),
      claim: await one(
        `INSERT INTO claims (union_id, id, number, kind, purpose, event_date, expense_account, amount, payee_kind, payee_name, created_by_name)
         VALUES ($1, $2, 'BX-SQL', 'general', 'x', '2026-06-10', '50105', 1, 'cash', 'x', 'sql')`,
        [randomUUID()],
      ),
    };
  }

  it('refuses to withdraw while claims, reservations or drafts are open, and says which', async () => {
    const p = await claimUnion(t, { funds: '1000.00', noDocumentRules: true });
    const claim = await submittedClaim(t, p, claimBody('100.00'));
    await p.chair().post(`/api/unions/${p.unionId}/claims/${claim.id}/approve`).send({}).expect(200);
    await postVoucher(t, p.unionId, '2026-03-01', [{ account: '10201', debit: '1.00' }, { account: '402', credit: '1.00' }], { post: false });
    const res = await withdraw(p.unionId, { reason: '自行开户', ownAccount: OWN, bankReference: 'W-1', date: '2026-06-30' });
    expect([res.status, res.body.code, res.body.details]).toEqual([409, 'WITHDRAWAL_BLOCKED', { claims: 1, reservations: 1, drafts: 1 }]);
    expect(res.body.message).toContain('未办结的报销单 1 张');
    expect((await t.http().get(`/api/unions/${p.unionId}`).expect(200)).body.status).toBe('active');
  });

  it('pays the remaining share out to the union\'s own account, then leaves its books readable and closed to every write', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '1234.56', '2026-02-01');
    const noAccount = await withdraw(u.id, { reason: '自行开户', date: '2026-06-30' });
    expect([noAccount.status, noAccount.body.code]).toEqual([422, 'WITHDRAWAL_ACCOUNT_REQUIRED']);

    const res = await withdraw(u.id, { reason: '自行开户', ownAccount: OWN, bankReference: 'W-20260630', date: '2026-06-30' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    const { rows: [w] } = await t.sql.query(`SELECT amount, bank_reference, voucher_id FROM union_withdrawals WHERE union_id = $1`, [u.id]);
    expect([w.amount, w.bank_reference]).toEqual(['1234.56', 'W-20260630']);
    const payout = (await t.http().get(`/api/unions/${u.id}/vouchers/${w.voucher_id}`).expect(200)).body;
    expect(payout).toMatchObject({ status: 'posted', source: 'withdrawal', date: '2026-06-30' });
    expect(payout.lines.map((l: { account: string; debit: string | null; credit: string | null }) => [l.account, l.debit, l.credit])).toEqual([
      ['10202', '1234.56', null],
      ['10201', null, '1234.56'],
    ]);
    expect((await t.http().get(`/api/unions/${u.id}/funds`).expect(200)).body).toMatchObject({ balance: '0.00' });
    const tb = await t.http().get(`/api/unions/${u.id}/trial-balance?from=2026-06&to=2026-06`).expect(200);
    expect(tb.body.totals.debit).toBe('1234.56');

    expect(await sqlWrites(u.id)).toEqual({
      voucher: 'UL050', draft: 'UL050', reservation: 'UL050', account: 'UL050', project: 'UL050', claim: 'UL050',
    });
    const api = await t.http().post(`/api/unions/${u.id}/vouchers`).send({ date: '2026-07-01', lines: [{ summary: 's', account: '101', debit: '1' }, { summary: 's', account: '402', credit: '1' }] });
    expect([api.status, api.body.code]).toEqual([409, 'UNION_WITHDRAWN']);
    const again = await withdraw(u.id, { reason: 'x' });
    expect([again.status, again.body.code]).toEqual([409, 'UNION_STATUS_TRANSITION']);
    // the cashier may not decide it, nor the accountant
    const other = await newUnion(t);
    const cashier = await t.userWith([{ role: 'cashier', centerId: other.centerId }], 'cashier');
    expect((await cashier.http().post(`/api/unions/${other.id}/withdraw`).send({ reason: 'x' })).status).toBe(403);
  });

  it('refuses opening balances of a withdrawn or suspended union that never posted (posting locks them anyway)', async () => {
    const opening = (unionId: string) => sqlState(t.sql.query(`INSERT INTO opening_balances (union_id, account_code, amount) VALUES ($1, '101', 1)`, [unionId]));
    const gone = await newUnion(t);
    await withdraw(gone.id, { reason: '未启用即退出' }).expect(200);
    expect(await opening(gone.id)).toBe('UL050');
    const paused = await newUnion(t);
    await t.reviewer().post(`/api/unions/${paused.id}/suspend`).expect(200);
    expect(await opening(paused.id)).toBe('UL051');
    const api = await t.http().post(`/api/unions/${paused.id}/opening-balances`).send({ lines: [{ account: '101', debit: '1.00' }, { account: '32205', credit: '1.00' }] });
    expect([api.status, api.body.code]).toEqual([409, 'UNION_SUSPENDED']);
  });

  it('keeps a suspended union read-only in the database until it resumes, and withdraws it from suspension', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '50.00', '2026-02-01');
    await t.reviewer().post(`/api/unions/${u.id}/suspend`).expect(200);
    expect(await sqlWrites(u.id)).toEqual({
      voucher: 'UL051', draft: 'UL051', reservation: 'UL051', account: 'UL051', project: 'UL051', claim: 'UL051',
    });
    const api = await t.http().post(`/api/unions/${u.id}/vouchers`).send({ date: '2026-06-01', lines: [{ summary: 's', account: '10201', debit: '1' }, { summary: 's', account: '402', credit: '1' }] });
    expect([api.status, api.body.code]).toEqual([409, 'UNION_SUSPENDED']);
    await t.reviewer().post(`/api/unions/${u.id}/resume`).expect(200);
    await postVoucher(t, u.id, '2026-06-01', [{ account: '10201', debit: '1.00' }, { account: '402', credit: '1.00' }]);

    await t.reviewer().post(`/api/unions/${u.id}/suspend`).expect(200);
    const res = await withdraw(u.id, { reason: '撤销', ownAccount: OWN, bankReference: 'W-S1', date: '2026-06-30' });
    expect([res.status, res.body.status]).toEqual([200, 'withdrawn']);
    const { rows } = await t.sql.query(`SELECT amount FROM union_withdrawals WHERE union_id = $1`, [u.id]);
    expect(rows[0].amount).toBe('51.00');
    const { rows: audit } = await t.sql.query(`SELECT before, after FROM audit_log WHERE union_id = $1 AND action = 'union.withdraw'`, [u.id]);
    expect(audit[0].before).toEqual({ status: 'suspended' });
  });

  it('lets no posting racing the withdrawal land in the withdrawn union: each is in the payout or refused', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '1000.00', '2026-02-01');
    // four writers post 10.00 each, again and again, until the union refuses them; the withdrawal lands among them
    const writer = async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 400 && !outcomes.includes('UL050'); i++) {
        const day = `2026-06-${String((i % 28) + 1).padStart(2, '0')}`;
        outcomes.push(await sqlState(inTx(t.sql, (c) => postViaSql(c, u.id, randomUUID(), [['10201', '10.00', '0'], ['402', '0', '10.00']], day))));
      }
      return outcomes;
    };
    const writers = [writer(), writer(), writer(), writer()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await withdraw(u.id, { reason: '自行开户', ownAccount: OWN, bankReference: 'W-RACE', date: '2026-06-30' });
    expect(res.status).toBe(200);
    const outcomes = (await Promise.all(writers)).flat();
    // legal: committed before the withdrawal (then paid out with the rest) or refused because it had withdrawn
    expect(outcomes.filter((o) => o !== 'OK' && o !== 'UL050')).toEqual([]);
    expect(outcomes.filter((o) => o === 'UL050')).toHaveLength(4);
    // how many land before the withdrawal is timing (none is legal too): the payout must hold exactly those
    const landed = outcomes.filter((o) => o === 'OK').length;
    const { rows: [w] } = await t.sql.query(`SELECT amount FROM union_withdrawals WHERE union_id = $1`, [u.id]);
    expect(w.amount).toBe((1000 + 10 * landed).toFixed(2));
    const { rows: [b] } = await t.sql.query(`SELECT closing FROM account_balances WHERE union_id = $1 AND account_code = '10201' ORDER BY period DESC LIMIT 1`, [u.id]);
    expect(b.closing).toBe('0.00');
    const { rows: [n] } = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u.id]);
    expect(n.n).toBe(1 + landed + 1);
  });

  it('lets no draft saved beside a withdrawal survive it: either the draft blocks the withdrawal or it is refused', async () => {
    for (let round = 0; round < 3; round++) {
      const u = await newUnion(t);
      const saves = Array.from({ length: 6 }, () =>
        t.http().post(`/api/unions/${u.id}/vouchers`).send({ date: '2026-06-02', lines: [{ summary: 's', account: '101', debit: '1' }, { summary: 's', account: '402', credit: '1' }] }),
      );
      const res = await withdraw(u.id, { reason: '自行开户', date: '2026-06-30' });
      const saved = await Promise.all(saves);
      const { rows: [d] } = await t.sql.query(`SELECT count(*)::int AS n FROM voucher_drafts WHERE union_id = $1`, [u.id]);
      if (res.status === 200) {
        expect(d.n).toBe(0);
        expect(saved.every((s) => s.status === 409 && s.body.code === 'UNION_WITHDRAWN')).toBe(true);
      } else {
        expect([res.status, res.body.code]).toEqual([409, 'WITHDRAWAL_BLOCKED']);
        expect(d.n).toBe(saved.filter((s) => s.status === 201).length);
      }
    }
  });
});

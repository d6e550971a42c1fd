import { startTestApp, TestApp } from '../support/test-app';
import { checkedClaim, claimBody, claimUnion, submittedClaim } from '../support/claims';
import { holdTransaction, lockWaiters, POSTING_LOCK } from '../support/locks';

/** The money of claims under concurrency: approvals against available funds, and payments that happen once. */
describe('claims: funds and idempotent payment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const funds = async (unionId: string) => (await t.http().get(`/api/unions/${unionId}/funds`).expect(200)).body;

  it('approves exactly the 50 of 100 concurrent approvals that the funds cover; available never goes below zero', async () => {
    const p = await claimUnion(t, { funds: '5000.00', noDocumentRules: true });
    const claims = [];
    for (let i = 0; i < 100; i++) claims.push(await submittedClaim(t, p, claimBody('100.00'), []));
    // both chairs approve at once, half each, all 100 in flight together
    const results = await Promise.all(
      claims.map((c, i) => (i % 2 ? p.chair : p.viceChair)().post(`/api/unions/${p.unionId}/claims/${c.id}/approve`).send({})),
    );
    const byOutcome = results.reduce<Record<string, number>>((acc, r) => {
      const key = r.status === 200 ? 'approved' : `${r.status} ${r.body.code}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});
    expect(byOutcome).toEqual({ approved: 50, '409 INSUFFICIENT_FUNDS': 50 });
    expect(await funds(p.unionId)).toEqual({ account: '10201', balance: '5000.00', reserved: '5000.00', available: '0.00' });
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*)::int FROM claims WHERE union_id = $1 AND status = 'approved') AS approved,
              (SELECT count(*)::int FROM claims WHERE union_id = $1 AND status = 'submitted') AS waiting,
              (SELECT count(*)::int FROM fund_reservations WHERE union_id = $1 AND status = 'open') AS reservations`,
      [p.unionId],
    );
    expect(rows[0]).toEqual({ approved: 50, waiting: 50, reservations: 50 });
  });

  it('pays once for a retried request with the same key, also when the retries race', async () => {
    const p = await claimUnion(t, { funds: '1000.00', noDocumentRules: true });
    const claim = await checkedClaim(t, p, claimBody('250.00'));
    const pay = (key: string, body: Record<string, unknown> = { date: '2026-03-20', bankReference: 'B-1' }) =>
      p.cashier().post(`/api/unions/${p.unionId}/claims/${claim.id}/pay`).set('Idempotency-Key', key).send(body);
    const attempts = await Promise.all(Array.from({ length: 6 }, () => pay('retry-key-0001')));
    expect(attempts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(attempts.map((r) => r.body.voucher.id)).size).toBe(1);
    const later = await pay('retry-key-0001');
    expect([later.status, later.body.voucher.id]).toEqual([200, attempts[0].body.voucher.id]);

    // paid once, not yet in the books: the money stays reserved until the voucher is posted
    const count = async () => (await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1 AND source = 'claim'`, [p.unionId])).rows[0].n;
    expect(await count()).toBe(0);
    expect(await funds(p.unionId)).toMatchObject({ balance: '1000.00', reserved: '250.00', available: '750.00' });
    const posted = await Promise.all([1, 2, 3].map(() => p.accountant().post(`/api/unions/${p.unionId}/claims/${claim.id}/post`).send({})));
    expect(posted.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await count()).toBe(1);
    expect(await funds(p.unionId)).toMatchObject({ balance: '750.00', reserved: '0.00', available: '750.00' });

    const otherBody = await pay('retry-key-0001', { date: '2026-03-21', bankReference: 'B-2' });
    expect([otherBody.status, otherBody.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const noKey = await p.cashier().post(`/api/unions/${p.unionId}/claims/${claim.id}/pay`).send({ bankReference: 'B-1' });
    expect([noKey.status, noKey.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    const newKey = await pay('retry-key-0002');
    expect([newKey.status, newKey.body.code]).toEqual([409, 'CLAIM_STATUS']);
  });

  it('leaves nothing behind when a payment fails, so a retry with the same key can succeed', async () => {
    const p = await claimUnion(t, { funds: '1000.00', noDocumentRules: true });
    const claim = await checkedClaim(t, p, claimBody('100.00'));
    await t.http().post(`/api/unions/${p.unionId}/periods/2026-01/close`).expect(200);
    await t.http().post(`/api/unions/${p.unionId}/periods/2026-02/close`).expect(200);
    const closed = await p.cashier().post(`/api/unions/${p.unionId}/claims/${claim.id}/pay`).set('Idempotency-Key', 'retry-after-fix').send({ date: '2026-02-28', bankReference: 'B' });
    expect([closed.status, closed.body.code]).toEqual([409, 'PERIOD_CLOSED']);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE union_id = $1`, [p.unionId])).rows[0].n).toBe(0);
    expect(await funds(p.unionId)).toMatchObject({ reserved: '100.00' });
    const ok = await p.cashier().post(`/api/unions/${p.unionId}/claims/${claim.id}/pay`).set('Idempotency-Key', 'retry-after-fix-2').send({ date: '2026-03-02', bankReference: 'B' });
    expect([ok.status, ok.body.status]).toEqual([200, 'paid']);
  });

  it('does not let a payment outside the claims spend reserved money', async () => {
    const p = await claimUnion(t, { funds: '1000.00', noDocumentRules: true });
    const claim = await submittedClaim(t, p, claimBody('900.00'), []);
    await p.chair().post(`/api/unions/${p.unionId}/claims/${claim.id}/approve`).send({}).expect(200);
    const draft = await t.http().post(`/api/unions/${p.unionId}/vouchers`).send({
      date: '2026-03-05',
      lines: [{ summary: '银行手续费', account: '50504', debit: '100.01' }, { summary: '银行手续费', account: '10201', credit: '100.01' }],
    });
    const posted = await t.reviewer().post(`/api/unions/${p.unionId}/vouchers/${draft.body.id}/post`);
    expect([posted.status, posted.body.code]).toEqual([409, 'INSUFFICIENT_FUNDS']);
  });

  it('refuses to pay a cash claim whose cash was spent since approval, naming 库存现金, and pays once it is back', async () => {
    const p = await claimUnion(t, { funds: '5000.00', noDocumentRules: true });
    const post = async (lines: { account: string; debit?: string; credit?: string }[]) => {
      const draft = await t.http().post(`/api/unions/${p.unionId}/vouchers`).send({ date: '2026-03-05', lines: lines.map((l) => ({ summary: '现金', ...l })) }).expect(201);
      await t.reviewer().post(`/api/unions/${p.unionId}/vouchers/${draft.body.id}/post`).expect(200);
    };
    await post([{ account: '101', debit: '1000.00' }, { account: '10201', credit: '1000.00' }]);
    const claim = await checkedClaim(t, p, claimBody('600.00', { payee: { kind: 'cash', name: '张三' } }));
    // a manual voucher spends cash the claim had reserved (cash on hand is guarded only where claims touch it)
    await post([{ account: '50504', debit: '500.00' }, { account: '101', credit: '500.00' }]);
    const pay = (key: string) => p.cashier().post(`/api/unions/${p.unionId}/claims/${claim.id}/pay`).set('Idempotency-Key', key).send({ date: '2026-03-06' });
    const short = await pay('cash-short-0001');
    expect([short.status, short.body.code, short.body.details]).toEqual([409, 'INSUFFICIENT_FUNDS', { account: '101' }]);
    expect(short.body.message).toContain('库存现金');
    expect((await t.http().get(`/api/unions/${p.unionId}/claims/${claim.id}`).expect(200)).body.status).toBe('checked');

    await post([{ account: '101', debit: '100.00' }, { account: '10201', credit: '100.00' }]);
    expect((await pay('cash-short-0001')).body.status).toBe('paid');
    const done = await p.accountant().post(`/api/unions/${p.unionId}/claims/${claim.id}/post`).send({}).expect(200);
    expect(done.body.status).toBe('posted');
    const { rows } = await t.sql.query(`SELECT balance::numeric(18,2)::text AS balance, reserved::numeric(18,2)::text AS reserved FROM ledger_funds($1, '101')`, [p.unionId]);
    expect(rows).toEqual([{ balance: '0.00', reserved: '0.00' }]);
  });

  it('answers a decision after its commit: the answer is read without holding the union\'s posting lock (issue 16)', async () => {
    const p = await claimUnion(t, { funds: '1000.00', noDocumentRules: true });
    const submitted = await submittedClaim(t, p, claimBody('100.00'), []);
    const checked = await checkedClaim(t, p, claimBody('200.00'));
    // the answer reads claim_fixed_assets, the decisions themselves do not: held, it stops each answer's read
    const held = await holdTransaction(t, [['LOCK TABLE claim_fixed_assets IN ACCESS EXCLUSIVE MODE', []]]);
    try {
      const approve = p.chair().post(`/api/unions/${p.unionId}/claims/${submitted.id}/approve`).send({}).then((r) => r);
      const pay = p.cashier().post(`/api/unions/${p.unionId}/claims/${checked.id}/pay`).set('Idempotency-Key', 'answer-after-commit').send({ bankReference: 'B-9' }).then((r) => r);
      await lockWaiters(t, 2, 'relation');
      // both decisions are committed while their answers wait, and the union's posting lock is free
      const { rows } = await t.sql.query(`SELECT id, status FROM claims WHERE union_id = $1 ORDER BY status`, [p.unionId]);
      expect(rows).toEqual(expect.arrayContaining([{ id: submitted.id, status: 'approved' }, { id: checked.id, status: 'paid' }]));
      const { rows: lock } = await t.sql.query(POSTING_LOCK.replace('pg_advisory_xact_lock', 'pg_try_advisory_xact_lock') + ' AS free', [p.unionId]);
      expect(lock).toEqual([{ free: true }]);
      await held.rollback();
      const [approved, paid] = await Promise.all([approve, pay]);
      expect([approved.status, approved.body.status, paid.status, paid.body.status]).toEqual([200, 'approved', 200, 'paid']);
      // the stored answer of the payment is the one given
      const retry = await p.cashier().post(`/api/unions/${p.unionId}/claims/${checked.id}/pay`).set('Idempotency-Key', 'answer-after-commit').send({ bankReference: 'B-9' });
      expect([retry.status, retry.body]).toEqual([200, paid.body]);
    } finally {
      await held.rollback();
    }
  });
});

import { fund, newUnion, postVoucher, saveDraft } from '../support/builders';
import { holdTransaction, lockWaiters, POSTING_LOCK } from '../support/locks';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One union held under a long lock — its posting lock (a claim decision, a reversal), or its periods lock (a
 * period being closed) — must not stall the other unions: their drafts and postings are group-committed
 * without waiting for it, while its own wait in its lane and complete once the lock is gone. Also: a voucher
 * the database refuses (funds) fails alone.
 */
describe('posting isolation between unions', () => {
  let t: TestApp;
  let locked: string;
  let others: string[];
  const spend = (amount: string) => [
    { account: '50105', debit: amount, summary: '职工活动' },
    { account: '10201', credit: amount, summary: '集中户支付' },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    locked = (await newUnion(t)).id;
    others = [(await newUnion(t)).id, (await newUnion(t)).id, (await newUnion(t)).id];
    for (const u of [locked, ...others]) await fund(t, u, '100000.00');
  });
  afterAll(() => t.close());

  const draftIn = async (unionId: string, amount = '10.00') => {
    const res = await saveDraft(t, unionId, { date: '2026-01-10', lines: spend(amount) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const post = (unionId: string, id: string) => t.reviewer().post(`/api/unions/${unionId}/vouchers/${id}/post`);

  it('posts the other unions\' vouchers while one union\'s posting lock is held, and that union\'s once it is released', async () => {
    const waiting = await draftIn(locked);
    const drafts = await Promise.all(others.flatMap((u) => [draftIn(u), draftIn(u)]).map(async (p, i) => ({ unionId: others[Math.floor(i / 2)], id: await p })));
    const held = await holdTransaction(t, [
      [POSTING_LOCK, [locked]],
      // and its audit chain, as a claim decision holding the posting lock does
      [`SELECT 1 FROM chain_heads WHERE union_id = $1 FOR UPDATE`, [locked]],
    ]);
    try {
      let settled = false;
      const stuck = post(locked, waiting).then((r) => {
        settled = true;
        return r;
      });
      await lockWaiters(t, 1); // its lane waits for the lock in the database
      const results = await Promise.all(drafts.map((d) => post(d.unionId, d.id)));
      expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
      // and new drafts of other unions are saved meanwhile too
      expect((await saveDraft(t, others[0], { date: '2026-01-11', lines: spend('1.00') })).status).toBe(201);
      expect(settled).toBe(false);
      await held.rollback();
      const res = await stuck;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'posted', number: expect.any(Number) });
    } finally {
      await held.rollback();
    }
  });

  it('saves the other unions\' drafts while one union\'s period is being closed (its periods lock held), and its draft after', async () => {
    const held = await holdTransaction(t, [[`SELECT pg_advisory_xact_lock(ledger_periods_lock_key($1::uuid))`, [locked]]]);
    try {
      let settled = false;
      const stuck = saveDraft(t, locked, { date: '2026-01-12', lines: spend('2.00') }).then((r) => {
        settled = true;
        return r;
      });
      await lockWaiters(t, 1);
      const saved = await Promise.all(others.map((u) => saveDraft(t, u, { date: '2026-01-12', lines: spend('3.00') })));
      expect(saved.map((r) => r.status)).toEqual(others.map(() => 201));
      const posted = await Promise.all(others.map((u, i) => post(u, saved[i].body.id)));
      expect(posted.map((r) => r.status)).toEqual(others.map(() => 200));
      expect(settled).toBe(false);
      await held.rollback();
      expect((await stuck).status).toBe(201);
    } finally {
      await held.rollback();
    }
  });

  it('refuses only the voucher beyond its union\'s funds when many are posted at once; the rest of the batch is posted', async () => {
    const poor = (await newUnion(t)).id;
    await fund(t, poor, '50.00');
    const tooMuch = await draftIn(poor, '80.00');
    const fine = await Promise.all(others.flatMap((u) => [draftIn(u, '1.00'), draftIn(u, '1.00')]).map(async (p, i) => ({ unionId: others[Math.floor(i / 2)], id: await p })));
    const results = await Promise.all([post(poor, tooMuch), ...fine.map((d) => post(d.unionId, d.id))]);
    expect(results[0].status).toBe(409);
    expect(results[0].body.code).toBe('INSUFFICIENT_FUNDS');
    expect(results.slice(1).map((r) => r.status)).toEqual(fine.map(() => 200));
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM voucher_drafts WHERE union_id = $1 AND id = $2`, [poor, tooMuch]);
    expect(rows[0].n).toBe(1); // still a draft: nothing half done
  });

  it('numbers every union gaplessly after all this', async () => {
    for (const u of [locked, ...others]) await postVoucher(t, u, '2026-01-20', spend('1.00'));
    const { rows } = await t.sql.query(
      `SELECT union_id, period, voucher_type, count(*)::int AS n, max(number) AS top FROM vouchers
        WHERE union_id = ANY($1::uuid[]) GROUP BY 1, 2, 3`,
      [[locked, ...others]],
    );
    for (const r of rows) expect(r.n).toBe(r.top);
  });
});

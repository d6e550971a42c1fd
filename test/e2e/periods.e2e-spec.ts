import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('periods: 结账 and 反结账', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const close = (u: string, p: string) => t.http().post(`/api/unions/${u}/periods/${p}/close`);
  const reopen = (u: string, p: string, reason?: string) =>
    t.reviewer().post(`/api/unions/${u}/periods/${p}/reopen`).send(reason === undefined ? {} : { reason });

  it('closes months in order, only without drafts, and only after the month ended', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await postVoucher(t, u.id, '2026-01-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
    expect((await close(u.id, '2026-01').expect(409)).body).toMatchObject({ code: 'PERIOD_HAS_DRAFTS', details: { drafts: 1 } });
    expect((await close(u.id, '2026-02').expect(409)).body).toMatchObject({ code: 'PERIOD_EARLIER_OPEN', details: { openPeriod: '2026-01' } });
    expect((await close(u.id, '2025-12').expect(422)).body.code).toBe('PERIOD_BEFORE_START');
    expect((await close(u.id, '2099-01').expect(409)).body.code).toBe('PERIOD_NOT_ENDED');
    expect((await close(u.id, '2026-13').expect(400)).body.code).toBe('VALIDATION_FAILED');

    const drafts = (await t.http().get(`/api/unions/${u.id}/vouchers?status=draft`).expect(200)).body.items;
    await t.reviewer().post(`/api/unions/${u.id}/vouchers/${drafts[0].id}/post`).expect(200);
    const closed = await close(u.id, '2026-01').expect(200);
    // the voucher and the closing voucher that emptied 402 into 32203
    expect(closed.body).toMatchObject({ period: '2026-01', status: 'closed', closedBy: 'bookkeeper', posted: 2, drafts: 0 });
    // closing a closed month again changes nothing
    expect((await close(u.id, '2026-01').expect(200)).body).toMatchObject({ status: 'closed', alreadyClosed: true, closingVouchers: [] });
    // an empty month closes too
    await close(u.id, '2026-02').expect(200);
  });

  it('refuses new drafts, edits and postings in a closed period', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    const draft = await postVoucher(t, u.id, '2026-02-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
    await close(u.id, '2026-01').expect(200);
    const body = { date: '2026-01-31', lines: [{ summary: 's', account: '10201', debit: '1' }, { summary: 's', account: '402', credit: '1' }] };
    expect((await t.http().post(`/api/unions/${u.id}/vouchers`).send(body).expect(409)).body.code).toBe('PERIOD_CLOSED');
    expect((await t.http().patch(`/api/unions/${u.id}/vouchers/${draft.id}`).send({ date: '2026-01-31' }).expect(409)).body.code).toBe(
      'PERIOD_CLOSED',
    );
    // the draft stays editable within its own open period
    await t.http().patch(`/api/unions/${u.id}/vouchers/${draft.id}`).send({ date: '2026-02-06' }).expect(200);
  });

  it('reopens latest first, only with a reason, and keeps the history', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await close(u.id, '2026-01').expect(200);
    await close(u.id, '2026-02').expect(200);
    expect((await reopen(u.id, '2026-01', '补记').expect(409)).body).toMatchObject({ code: 'PERIOD_LATER_CLOSED', details: { closedPeriod: '2026-02' } });
    expect((await reopen(u.id, '2026-02').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await reopen(u.id, '2026-02', '').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await reopen(u.id, '2026-02', '补记二月会费').expect(200);
    const reopened = await reopen(u.id, '2026-01', '补记一月会费').expect(200);
    expect(reopened.body.status).toBe('open');
    expect((await reopen(u.id, '2026-01', '再来').expect(409)).body.code).toBe('PERIOD_NOT_CLOSED');

    await postVoucher(t, u.id, '2026-01-31', [{ account: '10201', debit: '12' }, { account: '401', credit: '12' }]);
    await close(u.id, '2026-01').expect(200);
    const history = await t.http().get(`/api/unions/${u.id}/periods/2026-01`).expect(200);
    expect(history.body.events.map((e: { action: string; reason: string | null; actor: string }) => [e.action, e.reason, e.actor])).toEqual([
      ['close', null, 'bookkeeper'],
      ['reopen', '补记一月会费', 'reviewer'],
      ['close', null, 'bookkeeper'],
    ]);
  });

  it('lists periods from the first one with status and counts', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await postVoucher(t, u.id, '2026-02-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
    await postVoucher(t, u.id, '2026-02-06', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
    await close(u.id, '2026-01').expect(200);
    const list = (await t.http().get(`/api/unions/${u.id}/periods?to=2026-03`).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({ period: '2026-01', status: 'closed', posted: 0, drafts: 0 }),
      expect.objectContaining({ period: '2026-02', status: 'open', posted: 1, drafts: 1 }),
      expect.objectContaining({ period: '2026-03', status: 'open', posted: 0, drafts: 0 }),
    ]);
  });

  it('closes a month only once every draft in it is posted, while postings race the close', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    const drafts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postVoucher(t, u.id, '2026-01-15', [{ summary: `${i}`, account: '10201', debit: '1.00' }, { summary: `${i}`, account: '402', credit: '1.00' }], { post: false }),
      ),
    );
    const posts = drafts.map((d) => t.reviewer().post(`/api/unions/${u.id}/vouchers/${d.id}/post`));
    const closing = (async () => {
      for (;;) {
        const res = await close(u.id, '2026-01');
        if (res.status !== 409 || res.body.code !== 'PERIOD_HAS_DRAFTS') return res;
      }
    })();
    const results = await Promise.all(posts);
    const closed = await closing;
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(closed.status).toBe(200);
    // the thirty, and the closing voucher that emptied 402 into 32203
    expect(closed.body.posted).toBe(31);
    expect(closed.body.closingVouchers).toEqual([expect.objectContaining({ kind: 'period-end', displayNumber: '记-202601-0031' })]);
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n,
              (SELECT debit FROM account_balances WHERE union_id = $1 AND account_code = '10201' AND period = 202601) AS debit
         FROM vouchers WHERE union_id = $1 AND source <> 'closing'`,
      [u.id],
    );
    expect(rows[0]).toEqual({ n: 30, debit: '30.00' });
  });

  it('a voucher refused at commit never fails the postings of other unions committed together with it', async () => {
    const refusing = await newUnion(t, { firstPeriod: '2026-01' });
    const others = [await newUnion(t, { firstPeriod: '2026-01' }), await newUnion(t, { firstPeriod: '2026-01' })];
    await t.http().post(`/api/unions/${refusing.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: '将停用' }).expect(201);
    const drafts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const unionId = i % 3 === 0 ? refusing.id : others[i % 2].id;
        const debit = i % 3 === 0 ? '5010601' : '10201';
        // the refusing union pays in cash: it has no funds on 10201, and the funds guard is not what this test is about
        const credit = i % 3 === 0 ? '101' : '402';
        return postVoucher(t, unionId, '2026-01-20', [{ summary: `${i}`, account: debit, debit: '2.00' }, { summary: `${i}`, account: credit, credit: '2.00' }], {
          post: false,
        }).then((d) => ({ unionId, id: d.id as string }));
      }),
    );
    const requests = drafts.map((d) => t.reviewer().post(`/api/unions/${d.unionId}/vouchers/${d.id}/post`));
    // deactivated behind the service's back, so some postings pass the rules and are refused by the database
    const deactivate = (async () => {
      await new Promise((r) => setTimeout(r, 10));
      await t.sql.query(`UPDATE accounts SET is_active = false WHERE union_id = $1 AND code = '5010601'`, [refusing.id]);
    })();
    const results = await Promise.all(requests);
    await deactivate;
    results.forEach((r, i) => {
      if (i % 3 === 0) expect([200, 422]).toContain(r.status);
      else expect([i, r.status]).toEqual([i, 200]);
    });
    for (const u of others) {
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n, max(number) AS top FROM vouchers WHERE union_id = $1`, [u.id]);
      expect(rows[0]).toEqual({ n: 20, top: 20 });
    }
  });
});

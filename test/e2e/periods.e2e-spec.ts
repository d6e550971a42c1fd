import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('periods: 结账 and 反结账', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const close = (u: string, p: string) => t.http().post(`/api/unions/${u}/periods/${p}/close`).set('x-actor', 'closer');
  const reopen = (u: string, p: string, reason?: string) =>
    t.http().post(`/api/unions/${u}/periods/${p}/reopen`).set('x-actor', 'director').send(reason === undefined ? {} : { reason });

  it('closes months in order, only without drafts, and only after the month ended', async () => {
    const u = await newUnion(t.http, { firstPeriod: '2026-01' });
    await postVoucher(t.http, u.id, '2026-01-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
    expect((await close(u.id, '2026-01').expect(409)).body).toMatchObject({ code: 'PERIOD_HAS_DRAFTS', details: { drafts: 1 } });
    expect((await close(u.id, '2026-02').expect(409)).body).toMatchObject({ code: 'PERIOD_EARLIER_OPEN', details: { openPeriod: '2026-01' } });
    expect((await close(u.id, '2025-12').expect(422)).body.code).toBe('PERIOD_BEFORE_START');
    expect((await close(u.id, '2099-01').expect(409)).body.code).toBe('PERIOD_NOT_ENDED');
    expect((await close(u.id, '2026-13').expect(400)).body.code).toBe('VALIDATION_FAILED');

    const drafts = (await t.http().get(`/api/unions/${u.id}/vouchers?status=draft`).expect(200)).body.items;
    await t.http().post(`/api/unions/${u.id}/vouchers/${drafts[0].id}/post`).expect(200);
    const closed = await close(u.id, '2026-01').expect(200);
    expect(closed.body).toMatchObject({ period: '2026-01', status: 'closed', closedBy: 'closer', posted: 1, drafts: 0 });
    expect((await close(u.id, '2026-01').expect(409)).body.code).toBe('PERIOD_ALREADY_CLOSED');
    // an empty month closes too
    await close(u.id, '2026-02').expect(200);
  });

  it('refuses new drafts, edits and postings in a closed period', async () => {
    const u = await newUnion(t.http, { firstPeriod: '2026-01' });
    const draft = await postVoucher(t.http, u.id, '2026-02-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
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
    const u = await newUnion(t.http, { firstPeriod: '2026-01' });
    await close(u.id, '2026-01').expect(200);
    await close(u.id, '2026-02').expect(200);
    expect((await reopen(u.id, '2026-01', '补记').expect(409)).body).toMatchObject({ code: 'PERIOD_LATER_CLOSED', details: { closedPeriod: '2026-02' } });
    expect((await reopen(u.id, '2026-02').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await reopen(u.id, '2026-02', '').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await reopen(u.id, '2026-02', '补记二月会费').expect(200);
    const reopened = await reopen(u.id, '2026-01', '补记一月会费').expect(200);
    expect(reopened.body.status).toBe('open');
    expect((await reopen(u.id, '2026-01', '再来').expect(409)).body.code).toBe('PERIOD_NOT_CLOSED');

    await postVoucher(t.http, u.id, '2026-01-31', [{ account: '10201', debit: '12' }, { account: '401', credit: '12' }]);
    await close(u.id, '2026-01').expect(200);
    const history = await t.http().get(`/api/unions/${u.id}/periods/2026-01`).expect(200);
    expect(history.body.events.map((e: { action: string; reason: string | null; actor: string }) => [e.action, e.reason, e.actor])).toEqual([
      ['close', null, 'closer'],
      ['reopen', '补记一月会费', 'director'],
      ['close', null, 'closer'],
    ]);
  });

  it('lists periods from the first one with status and counts', async () => {
    const u = await newUnion(t.http, { firstPeriod: '2026-01' });
    await postVoucher(t.http, u.id, '2026-02-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
    await postVoucher(t.http, u.id, '2026-02-06', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
    await close(u.id, '2026-01').expect(200);
    const list = (await t.http().get(`/api/unions/${u.id}/periods?to=2026-03`).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({ period: '2026-01', status: 'closed', posted: 0, drafts: 0 }),
      expect.objectContaining({ period: '2026-02', status: 'open', posted: 1, drafts: 1 }),
      expect.objectContaining({ period: '2026-03', status: 'open', posted: 0, drafts: 0 }),
    ]);
  });

  it('never lets a posting land in a period that a concurrent close has closed', async () => {
    const u = await newUnion(t.http, { firstPeriod: '2026-01' });
    const posts = Array.from({ length: 30 }, (_, i) =>
      t
        .http()
        .post(`/api/unions/${u.id}/vouchers`)
        .send({ date: '2026-01-15', post: true, lines: [{ summary: `${i}`, account: '10201', debit: '1.00' }, { summary: `${i}`, account: '402', credit: '1.00' }] }),
    );
    const closing = (async () => {
      await new Promise((r) => setTimeout(r, 15));
      return close(u.id, '2026-01');
    })();
    const results = await Promise.all(posts);
    const closed = await closing;
    expect(closed.status).toBe(200);
    const ok = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || r.body.code === 'PERIOD_CLOSED')).toBe(true);
    // everything that reported success is in the books, nothing else, and the close counted exactly that
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n, (SELECT debit FROM account_balances WHERE union_id = $1 AND account_code = '10201' AND period = 202601) AS debit
         FROM vouchers WHERE union_id = $1`,
      [u.id],
    );
    expect(rows[0].n).toBe(ok.length);
    expect(closed.body.posted).toBe(ok.length);
    expect(rows[0].debit ?? '0.00').toBe(ok.length.toFixed(2));
  });

  it("a close in one union never fails the postings of other unions committed together with them", async () => {
    const closing = await newUnion(t.http, { firstPeriod: '2026-01' });
    const others = [await newUnion(t.http, { firstPeriod: '2026-01' }), await newUnion(t.http, { firstPeriod: '2026-01' })];
    const post = (unionId: string, i: number) =>
      t
        .http()
        .post(`/api/unions/${unionId}/vouchers`)
        .send({ date: '2026-01-20', post: true, lines: [{ summary: `${i}`, account: '10201', debit: '2.00' }, { summary: `${i}`, account: '402', credit: '2.00' }] });
    const requests = Array.from({ length: 60 }, (_, i) => post(i % 3 === 0 ? closing.id : others[i % 2].id, i));
    const close = (async () => {
      await new Promise((r) => setTimeout(r, 10));
      return t.http().post(`/api/unions/${closing.id}/periods/2026-01/close`);
    })();
    const results = await Promise.all(requests);
    expect((await close).status).toBe(200);
    results.forEach((r, i) => {
      if (i % 3 === 0) expect([201, 409]).toContain(r.status);
      else expect([i, r.status]).toEqual([i, 201]);
    });
    for (const u of others) {
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n, max(number) AS top FROM vouchers WHERE union_id = $1`, [u.id]);
      expect(rows[0]).toEqual({ n: 20, top: 20 });
    }
  });
});

import { startTestApp, TestApp } from '../support/test-app';
import { attach, claimBody, ClaimPeople, claimUnion, invoiceNo, payAs, pdf, postedClaim, reviewedClaim, submittedClaim } from '../support/claims';

/** The claim workflow end to end: clerk → chair → accountant (制单) → 复核 → cashier (出纳) → 记账, with its voucher. */
describe('expense claims', () => {
  let t: TestApp;
  let p: ClaimPeople;
  beforeAll(async () => {
    t = await startTestApp();
    p = await claimUnion(t, { funds: '10000.00' });
  });
  afterAll(() => t.close());

  const funds = async (unionId = p.unionId) => (await t.http().get(`/api/unions/${unionId}/funds`).expect(200)).body;
  const url = (id = '') => `/api/unions/${p.unionId}/claims${id ? `/${id}` : ''}`;

  it('goes from draft to a posted payment voucher, reserving and then spending the funds', async () => {
    const created = await p.clerk().post(url()).send(claimBody('800.00', { lines: [{ description: '图书', quantity: '20', unitPrice: '40.00', amount: '800.00' }] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', amount: '800.00', amountInWords: '捌佰元整', number: expect.stringMatching(/^BX-2026-\d{4}$/) });
    const id = created.body.id;
    // the accountant sees what would fail before anything is decided
    expect(created.body.compliance.results.find((r: { rule: string }) => r.rule === 'documents.general')).toMatchObject({ passed: false });
    await attach(p.clerk, p.unionId, id, pdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
    await p.clerk().post(url(`${id}/submit`)).send({ comment: '请审批' }).expect(200);

    const tasks = (await p.chair().get('/api/me/tasks').expect(200)).body;
    expect(tasks.approvals.items.map((i: { claimId: string }) => i.claimId)).toContain(id);

    const approved = await p.chair().post(url(`${id}/approve`)).send({ comment: '同意' });
    expect([approved.status, approved.body.status]).toEqual([200, 'approved']);
    expect(await funds()).toEqual({ account: '10201', balance: '10000.00', reserved: '800.00', available: '9200.00' });
    expect((await p.accountant().get('/api/me/tasks').expect(200)).body.reviews.items.map((i: { claimId: string }) => i.claimId)).toContain(id);

    const reviewed = await p.accountant().post(url(`${id}/review`)).send({ comment: '单据齐全' });
    expect([reviewed.status, reviewed.body.status]).toEqual([200, 'reviewed']);
    // the reviewing accountant prepared the payment voucher (制单): a draft, in no books yet
    expect(reviewed.body.voucher).toMatchObject({ number: null, status: 'draft' });
    const voucherId = reviewed.body.voucher.id;
    const draft = (await t.http().get(`/api/unions/${p.unionId}/vouchers/${voucherId}`).expect(200)).body;
    expect(draft).toMatchObject({ status: 'draft', source: 'claim', preparer: 'bookkeeper', reviewer: null, cashier: null, attachmentCount: 1 });
    // it moves only with the claim: not posted, edited or deleted as a voucher
    for (const res of [
      await t.reviewer().post(`/api/unions/${p.unionId}/vouchers/${voucherId}/post`),
      await t.http().patch(`/api/unions/${p.unionId}/vouchers/${voucherId}`).send({ attachmentCount: 2 }),
      await t.http().delete(`/api/unions/${p.unionId}/vouchers/${voucherId}`),
    ]) expect([res.status, res.body.code]).toEqual([409, 'VOUCHER_OWNED_BY_CLAIM']);

    // 复核 (审核): not by the accountant who prepared it, never by the cashier
    expect((await p.accountant().post(url(`${id}/check`)).send({})).body.code).toBe('SOD_SELF_REVIEW');
    expect((await p.cashier().post(url(`${id}/check`)).send({})).status).toBe(403);
    const tasksOf = async (http: typeof p.cashier, list: string) => (await http().get('/api/me/tasks').expect(200)).body[list].items.map((i: { claimId: string }) => i.claimId);
    expect(await tasksOf(t.reviewer, 'checks')).toContain(id);
    expect(await tasksOf(p.accountant, 'checks')).not.toContain(id);
    expect(await tasksOf(p.cashier, 'payments')).not.toContain(id);
    const checked = await t.reviewer().post(url(`${id}/check`)).send({ comment: '凭证无误' });
    expect([checked.status, checked.body.status]).toEqual([200, 'checked']);
    expect(await tasksOf(p.cashier, 'payments')).toContain(id);

    // 付款 (出纳): the money leaves, the reservation stays until the voucher is posted
    const paid = await p.cashier().post(url(`${id}/pay`)).set('Idempotency-Key', `pay-${id}`).send({ date: '2026-03-12', bankReference: 'ICBC0001' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', payment: { date: '2026-03-12', bankReference: 'ICBC0001' }, voucher: { id: voucherId, number: null, status: 'draft' } });
    expect(await funds()).toEqual({ account: '10201', balance: '10000.00', reserved: '800.00', available: '9200.00' });
    // 记账: never the cashier; anyone who posts, the preparing accountant included
    expect((await p.cashier().post(url(`${id}/post`)).send({})).status).toBe(403);
    expect((await p.clerk().post(url(`${id}/cancel`)).send({ comment: '不要了' })).body.code).toBe('CLAIM_STATUS');
    expect(await tasksOf(p.accountant, 'postings')).toContain(id);
    const posted = await p.accountant().post(url(`${id}/post`)).send({});
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ status: 'posted', statusLabel: '已付款已记账', voucher: { id: voucherId, number: expect.stringMatching(/^记-202603-\d{4}$/), status: 'posted' } });
    expect(await funds()).toEqual({ account: '10201', balance: '9200.00', reserved: '0.00', available: '9200.00' });

    // the voucher names each person truthfully: 制单, 审核, 出纳, 记账 — the cashier neither reviewed nor posted
    const voucher = (await t.http().get(`/api/unions/${p.unionId}/vouchers/${voucherId}`).expect(200)).body;
    expect(voucher).toMatchObject({ status: 'posted', source: 'claim', date: '2026-03-12', attachmentCount: 1, preparer: 'bookkeeper', reviewer: 'reviewer', cashier: 'cashier', postedBy: 'bookkeeper', onePerson: false });
    expect(voucher.lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['50304', '800.00', null],
      ['10201', null, '800.00'],
    ]);

    const tb = (await t.http().get(`/api/unions/${p.unionId}/trial-balance?from=2026-03&to=2026-03`).expect(200)).body;
    const row = (code: string) => tb.rows.find((r: { code: string }) => r.code === code);
    expect(row('50304')).toMatchObject({ debit: '800.00', closingDebit: '800.00' });

    const history = (await p.clerk().get(url(id)).expect(200)).body.history;
    expect(history.map((h: { action: string; toStatus: string }) => [h.action, h.toStatus])).toEqual([
      ['create', 'draft'],
      ['submit', 'submitted'],
      ['approve', 'approved'],
      ['review', 'reviewed'],
      ['check', 'checked'],
      ['pay', 'paid'],
      ['post', 'posted'],
    ]);
    expect(history[1].comment).toBe('请审批');
    expect(new Set(history.map((h: { actor: string }) => h.actor)).size).toBe(5);
    const { rows } = await t.sql.query(`SELECT status FROM fund_reservations WHERE union_id = $1`, [p.unionId]);
    expect(rows).toEqual([{ status: 'consumed' }]);
  });

  it('asks for a committee decision above the center threshold before approval', async () => {
    const claim = await submittedClaim(t, p, claimBody('6000.00'));
    const refused = await p.chair().post(url(`${claim.id}/approve`)).send({});
    expect([refused.status, refused.body.code]).toEqual([422, 'COMMITTEE_DECISION_REQUIRED']);
    expect((await funds()).reserved).toBe('0.00');
    const ok = await p.chair().post(url(`${claim.id}/approve`)).send({ committee: { date: '2026-03-01', minutesRef: '纪要〔2026〕3号' } });
    expect([ok.status, ok.body.committee]).toEqual([200, { date: '2026-03-01', minutesRef: '纪要〔2026〕3号' }]);
    await p.clerk().post(url(`${claim.id}/cancel`)).send({ comment: '活动取消' }).expect(200);
  });

  it('follows the threshold the center sets', async () => {
    const q = await claimUnion(t, { funds: '1000.00' });
    await t.http().put(`/api/centers/${q.centerId}/claim-settings`).send({ committeeThreshold: '100.00', cashLimit: '1000.00', allowCashAboveLimit: false }).expect(200);
    const claim = await submittedClaim(t, q, claimBody('100.01'));
    const refused = await q.chair().post(`/api/unions/${q.unionId}/claims/${claim.id}/approve`).send({});
    expect(refused.body.code).toBe('COMMITTEE_DECISION_REQUIRED');
    expect((await t.http().get(`/api/centers/${q.centerId}/claim-settings`).expect(200)).body.committeeThreshold).toBe('100.00');
  });

  it('releases the reservation on return, and approval starts again on resubmission', async () => {
    const claim = await submittedClaim(t, p, claimBody('300.00'));
    await p.chair().post(url(`${claim.id}/approve`)).send({}).expect(200);
    const before = await funds();
    const returned = await p.accountant().post(url(`${claim.id}/return`)).send({ comment: '发票抬头不符' });
    expect([returned.status, returned.body.status]).toEqual([200, 'returned']);
    expect((await funds()).reserved).toBe(new (require('decimal.js'))(before.reserved).minus('300.00').toFixed(2));
    expect((await p.clerk().get('/api/me/tasks').expect(200)).body.returned.items.map((i: { claimId: string }) => i.claimId)).toContain(claim.id);
    // the clerk fixes it and submits again; the chair approves again
    await p.clerk().patch(url(claim.id)).send({ purpose: '职工书屋购书（更正发票）' }).expect(200);
    await p.clerk().post(url(`${claim.id}/submit`)).send({}).expect(200);
    await p.chair().post(url(`${claim.id}/approve`)).send({}).expect(200);
    expect((await funds()).reserved).toBe(before.reserved);
    const { rows } = await t.sql.query(`SELECT status FROM fund_reservations WHERE union_id = $1 AND amount = 300.00 ORDER BY created_at`, [p.unionId]);
    expect(rows.map((r) => r.status)).toEqual(['released', 'open']);
    await p.clerk().post(url(`${claim.id}/cancel`)).send({ comment: '不再需要' }).expect(200);
  });

  it('withdraws before approval, rejects with reasons, cancels until payment and never after', async () => {
    const a = await submittedClaim(t, p, claimBody('50.00'));
    expect((await p.clerk().post(url(`${a.id}/withdraw`)).send({})).body.status).toBe('draft');

    const b = await submittedClaim(t, p, claimBody('60.00'));
    const noReason = await p.chair().post(url(`${b.id}/reject`)).send({});
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await p.chair().post(url(`${b.id}/reject`)).send({ comment: '不属于工会经费开支范围' })).body.status).toBe('rejected');
    const again = await p.chair().post(url(`${b.id}/approve`)).send({});
    expect([again.status, again.body.code]).toEqual([409, 'CLAIM_STATUS']);

    const c = await reviewedClaim(t, p, claimBody('70.00'));
    const reservedBefore = (await funds()).reserved;
    expect((await p.clerk().post(url(`${c.id}/cancel`)).send({ comment: '重复申请' })).body.status).toBe('cancelled');
    expect((await funds()).reserved).toBe(new (require('decimal.js'))(reservedBefore).minus('70.00').toFixed(2));
    // its payment voucher goes with it
    expect((await t.http().get(`/api/unions/${p.unionId}/vouchers/${c.voucher.id}`)).status).toBe(404);
    const paid = await p.cashier().post(url(`${c.id}/pay`)).set('Idempotency-Key', `pay-${c.id}`).send({ bankReference: 'X1' });
    expect([paid.status, paid.body.code]).toEqual([409, 'CLAIM_STATUS']);
  });

  it('validates what a clerk enters, with clear refusals and nothing saved', async () => {
    const count = async () => (await t.sql.query(`SELECT count(*)::int AS n FROM claims WHERE union_id = $1`, [p.unionId])).rows[0].n;
    const before = await count();
    const cases: [Record<string, unknown>, number, string][] = [
      [claimBody('800.00', { lines: [{ description: 'x', quantity: '3', unitPrice: '10.00', amount: '31.00' }] }), 422, 'CLAIM_LINE_AMOUNT'],
      [claimBody('800.00', { expenseAccount: '401' }), 422, 'CLAIM_ACCOUNT_INVALID'],
      [claimBody('800.00', { expenseAccount: '501' }), 422, 'CLAIM_ACCOUNT_INVALID'],
      [claimBody('800.00', { payee: { kind: 'bank', name: 'x' } }), 422, 'CLAIM_PAYEE_INVALID'],
      [claimBody('800.00', { kind: 'holiday_gift' }), 422, 'CLAIM_BENEFICIARIES_INVALID'],
      [claimBody('800.00', { lines: [{ description: 'x', quantity: '1', unitPrice: 800, amount: '800.00' }] }), 400, 'AMOUNT_INVALID'],
      [claimBody('1e3'), 400, 'AMOUNT_INVALID'],
      [claimBody('800.00', { kind: 'lottery' }), 400, 'VALIDATION_FAILED'],
      [claimBody('800.00', { payee: { kind: 'cash', name: '张三' }, lines: [{ description: 'x', quantity: '1', unitPrice: '1000.01', amount: '1000.01' }] }), 422, 'CASH_LIMIT_EXCEEDED'],
      [claimBody('800.00', { fundType: 'restricted' }), 422, 'CLAIM_ACCOUNT_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await p.clerk().post(url()).send(body);
      expect([JSON.stringify(body).slice(0, 80), res.status, res.body.code]).toEqual([JSON.stringify(body).slice(0, 80), status, code]);
      expect(typeof res.body.message).toBe('string');
    }
    expect(await count()).toBe(before);
  });

  it('pays cash from 101 within the limit, and refuses when cash on hand is short', async () => {
    const q = await claimUnion(t, { funds: '5000.00' });
    const cash = claimBody('600.00', { payee: { kind: 'cash', name: '张三' } });
    const first = await submittedClaim(t, q, cash);
    const refused = await q.chair().post(`/api/unions/${q.unionId}/claims/${first.id}/approve`).send({});
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([409, 'INSUFFICIENT_FUNDS', { account: '101' }]);
    // the money that is short is the cash on hand, not the pooled account (which holds 5,000.00)
    expect(refused.body.message).toContain('库存现金');
    expect(refused.body.message).not.toContain('集中核算户');
    const bank = await submittedClaim(t, q, claimBody('5000.01'));
    const short = await q.chair().post(`/api/unions/${q.unionId}/claims/${bank.id}/approve`).send({ committee: { date: '2026-03-01', minutesRef: '纪要1' } });
    expect([short.status, short.body.code, short.body.details]).toEqual([409, 'INSUFFICIENT_FUNDS', { account: '10201' }]);
    expect(short.body.message).toContain('集中核算户');
    // the cashier draws cash from the union's bank share
    await t.http().post(`/api/unions/${q.unionId}/vouchers`).send({ date: '2026-03-01', lines: [{ summary: '提现', account: '101', debit: '1000.00' }, { summary: '提现', account: '10201', credit: '1000.00' }] }).expect(201)
      .then((d) => t.reviewer().post(`/api/unions/${q.unionId}/vouchers/${d.body.id}/post`).expect(200));
    await q.chair().post(`/api/unions/${q.unionId}/claims/${first.id}/approve`).send({}).expect(200);
    await q.accountant().post(`/api/unions/${q.unionId}/claims/${first.id}/review`).send({}).expect(200);
    await t.reviewer().post(`/api/unions/${q.unionId}/claims/${first.id}/check`).send({}).expect(200);
    await payAs(q, first.id, { date: '2026-03-15' });
    const posted = await q.accountant().post(`/api/unions/${q.unionId}/claims/${first.id}/post`).send({}).expect(200);
    const voucher = (await t.http().get(`/api/unions/${q.unionId}/vouchers/${posted.body.voucher.id}`).expect(200)).body;
    expect(voucher.lines.map((l: { account: string }) => l.account)).toEqual(['50304', '101']);
  });

  it('keeps claims and their history in the database: no deletes, no rewritten history, no change after payment', async () => {
    const paid = await postedClaim(t, p, claimBody('10.00'));
    const attempts = [
      `UPDATE claims SET status = 'cancelled' WHERE union_id = '${p.unionId}' AND id = '${paid.id}'`,
      `UPDATE claims SET amount = 1 WHERE union_id = '${p.unionId}' AND id = '${paid.id}'`,
      `DELETE FROM claims WHERE union_id = '${p.unionId}' AND id = '${paid.id}'`,
      `UPDATE claim_events SET comment = 'x' WHERE union_id = '${p.unionId}'`,
      `DELETE FROM claim_lines WHERE union_id = '${p.unionId}' AND claim_id = '${paid.id}'`,
    ];
    for (const sql of attempts) {
      await expect(t.sql.query(sql)).rejects.toMatchObject({ code: 'UL002' });
    }
  });
});

import { startTestApp, TestApp } from '../support/test-app';
import { checkedClaim, claimBody, ClaimPeople, claimUnion, postedClaim, reviewedClaim, submittedClaim } from '../support/claims';

/** Who may take which step: chairs of their own union only, never on their own claim; reviewer and cashier apart. */
describe('claims: who may decide', () => {
  let t: TestApp;
  let a: ClaimPeople;
  let b: ClaimPeople;
  beforeAll(async () => {
    t = await startTestApp();
    a = await claimUnion(t, { funds: '10000.00', noDocumentRules: true });
    b = await claimUnion(t, { funds: '10000.00', noDocumentRules: true });
  });
  afterAll(() => t.close());

  const approve = (http: ClaimPeople['chair'], p: ClaimPeople, id: string) => http().post(`/api/unions/${p.unionId}/claims/${id}/approve`).send({});

  it("does not let union A's chair see or approve union B's claim, nor a clerk approve at all", async () => {
    const claim = await submittedClaim(t, b, claimBody('100.00'), []);
    const foreign = await approve(a.chair, b, claim.id);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await a.chair().get(`/api/unions/${b.unionId}/claims/${claim.id}`)).status).toBe(404);
    // B's id under A's union answers like any unknown claim
    expect((await approve(a.chair, a, claim.id)).status).toBe(404);
    const clerk = await approve(b.clerk, b, claim.id);
    expect([clerk.status, clerk.body.code]).toEqual([403, 'FORBIDDEN']);
    const cashier = await approve(b.cashier, b, claim.id);
    expect(cashier.status).toBe(403);
    expect((await t.sql.query(`SELECT status FROM claims WHERE union_id = $1 AND id = $2`, [b.unionId, claim.id])).rows[0].status).toBe('submitted');
    expect((await a.chair().get('/api/me/tasks').expect(200)).body.approvals.items.map((i: { claimId: string }) => i.claimId)).not.toContain(claim.id);
    expect((await b.chair().get('/api/me/tasks').expect(200)).body.approvals.items.map((i: { claimId: string }) => i.claimId)).toContain(claim.id);
  });

  it('lets nobody approve their own claim: a chair who raised it waits for another chair', async () => {
    const created = await a.chair().post(`/api/unions/${a.unionId}/claims`).send(claimBody('120.00')).expect(201);
    await a.chair().post(`/api/unions/${a.unionId}/claims/${created.body.id}/submit`).send({}).expect(200);
    const own = await approve(a.chair, a, created.body.id);
    expect([own.status, own.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
    const ownReject = await a.chair().post(`/api/unions/${a.unionId}/claims/${created.body.id}/reject`).send({ comment: 'x' });
    expect(ownReject.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    expect((await a.chair().get('/api/me/tasks').expect(200)).body.approvals.items.map((i: { claimId: string }) => i.claimId)).not.toContain(created.body.id);
    expect((await approve(a.viceChair, a, created.body.id)).status).toBe(200);
  });

  it('keeps the reviewer apart from who raised or approved the claim, and the cashier apart from who raised it', async () => {
    // one person who is both a center accountant and a union chair
    const both = await t.userWith([{ role: 'accountant', centerId: a.centerId }, { role: 'chair', unionId: a.unionId }], 'acct-chair');
    const claim = await submittedClaim(t, a, claimBody('130.00'), []);
    await both.http().post(`/api/unions/${a.unionId}/claims/${claim.id}/approve`).send({}).expect(200);
    const selfReview = await both.http().post(`/api/unions/${a.unionId}/claims/${claim.id}/review`).send({});
    expect([selfReview.status, selfReview.body.code]).toEqual([403, 'SOD_SELF_REVIEW']);
    expect((await both.http().get('/api/me/tasks').expect(200)).body.reviews.items.map((i: { claimId: string }) => i.claimId)).not.toContain(claim.id);
    await a.accountant().post(`/api/unions/${a.unionId}/claims/${claim.id}/review`).send({}).expect(200);

    // a cashier who is also the union's clerk does not pay the claim they raised
    const cashierClerk = await t.userWith([{ role: 'cashier', centerId: a.centerId }, { role: 'clerk', unionId: a.unionId }], 'cashier-clerk');
    const p2 = { ...a, clerk: cashierClerk.http };
    const raised = await checkedClaim(t, p2, claimBody('140.00'));
    const selfPay = await cashierClerk.http().post(`/api/unions/${a.unionId}/claims/${raised.id}/pay`).set('Idempotency-Key', `self-${raised.id}`).send({ bankReference: 'R' });
    expect([selfPay.status, selfPay.body.code]).toEqual([403, 'SOD_SELF_REVIEW']);
    expect((await a.cashier().post(`/api/unions/${a.unionId}/claims/${raised.id}/pay`).set('Idempotency-Key', `pay-${raised.id}`).send({ bankReference: 'R' })).status).toBe(200);
  });

  it('keeps center settings to the center: a union chair cannot read them, another center answers 404', async () => {
    expect((await a.chair().get(`/api/centers/${a.centerId}/claim-settings`)).status).toBe(404);
    const director = await t.userWith([{ role: 'director', centerId: a.centerId }], 'director-a');
    expect((await director.http().get(`/api/centers/${a.centerId}/claim-settings`).expect(200)).body).toMatchObject({ committeeThreshold: '5000.00', cashLimit: '1000.00' });
    expect((await director.http().get(`/api/centers/${b.centerId}/claim-settings`)).status).toBe(404);
    const cashierWrite = await a.cashier().put(`/api/centers/${a.centerId}/claim-settings`).send({ committeeThreshold: '1.00', cashLimit: '1.00', allowCashAboveLimit: true });
    expect([cashierWrite.status, cashierWrite.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('writes every step to the audit trail of the union, and each step of its voucher', async () => {
    const claim = await postedClaim(t, a, claimBody('150.00'));
    const log = (await t.http().get(`/api/unions/${a.unionId}/audit-log?pageSize=500`).expect(200)).body.items;
    const of = (id: string) => log.filter((e: { entityId: string }) => e.entityId === id).map((e: { action: string }) => e.action).sort();
    expect(of(claim.id)).toEqual(['claim.approve', 'claim.attach', 'claim.check', 'claim.create', 'claim.pay', 'claim.post', 'claim.review', 'claim.submit']);
    expect(of(claim.voucher.id)).toEqual(['voucher.cashier', 'voucher.create', 'voucher.post', 'voucher.review']);
  });
});

import { postVoucher } from '../support/builders';
import { claimBody, ClaimPeople, claimUnion, submittedClaim } from '../support/claims';
import { startTestApp, TestApp } from '../support/test-app';

/** 预算: versions, approval, adjustments, execution, and the budget check of claim approval and review. */
describe('budgets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const control = (p: ClaimPeople, budgetControl: 'off' | 'warn' | 'block') =>
    t.reviewer().put(`/api/centers/${p.centerId}/books-settings`).send({ closingMode: 'monthly', budgetControl }).expect(200);

  async function budgeted(lines: { account: string; amount: string; project?: string }[], funds = '50000.00') {
    const p = await claimUnion(t, { funds, noDocumentRules: true });
    const draft = await p.chair().post(`/api/unions/${p.unionId}/budgets`).send({ year: 2026, lines }).expect(201);
    expect(draft.body).toMatchObject({ version: 1, kind: 'original', status: 'draft' });
    const approved = await p.chair().post(`/api/unions/${p.unionId}/budgets/${draft.body.id}/approve`).send({ committeeDate: '2026-01-10', reviewCommitteeDate: '2026-01-08' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', committeeDate: '2026-01-10', reviewCommitteeDate: '2026-01-08' });
    return { p, budgetId: draft.body.id as string };
  }
  const approve = (p: ClaimPeople, id: string) => p.chair().post(`/api/unions/${p.unionId}/claims/${id}/approve`).send({ comment: '同意' });

  it('reads one version with its lines, and discards a draft (kept, never again editable)', async () => {
    const p = await claimUnion(t, { funds: '1000.00', noDocumentRules: true });
    const draft = await p.chair().post(`/api/unions/${p.unionId}/budgets`).send({ year: 2026, lines: [{ account: '402', amount: '1000.00' }] }).expect(201);
    const read = await p.chair().get(`/api/unions/${p.unionId}/budgets/${draft.body.id}`).expect(200);
    expect(read.body).toMatchObject({ id: draft.body.id, version: 1, status: 'draft' });
    expect(read.body.lines).toEqual([expect.objectContaining({ account: '402', amount: '1000.00' })]);
    const discarded = await p.chair().post(`/api/unions/${p.unionId}/budgets/${draft.body.id}/discard`).expect(200);
    expect(discarded.body).toMatchObject({ id: draft.body.id, status: 'discarded' });
    expect((await p.chair().get(`/api/unions/${p.unionId}/budgets/${draft.body.id}`).expect(200)).body.status).toBe('discarded');
    expect((await p.chair().post(`/api/unions/${p.unionId}/budgets/${draft.body.id}/discard`).expect(409)).body.code).toBe('BUDGET_NOT_DRAFT');
  });

  it('keeps approved versions unchanged; an adjustment is a new version that supersedes the old one', async () => {
    const { p, budgetId } = await budgeted([{ account: '402', amount: '50000.00' }, { account: '503', amount: '1000.00' }]);
    expect((await p.chair().put(`/api/unions/${p.unionId}/budgets/${budgetId}`).send({ lines: [] }).expect(409)).body.code).toBe('BUDGET_NOT_DRAFT');
    expect((await p.chair().post(`/api/unions/${p.unionId}/budgets`).send({ year: 2026, lines: [] }).expect(409)).body.code).toBe('BUDGET_EXISTS');
    const adj = await t.http().post(`/api/unions/${p.unionId}/budgets/adjustments`).send({ year: 2026, reason: '追加职工书屋经费' }).expect(201);
    expect(adj.body).toMatchObject({ version: 2, kind: 'adjustment', status: 'draft', reason: '追加职工书屋经费', totals: { income: '50000.00', expense: '1000.00' } });
    await t.http().put(`/api/unions/${p.unionId}/budgets/${adj.body.id}`).send({ lines: [{ account: '402', amount: '50000.00' }, { account: '503', amount: '1500.00' }] }).expect(200);
    // the accountant prepares, the union's chair approves
    await t.http().post(`/api/unions/${p.unionId}/budgets/${adj.body.id}/approve`).send({ committeeDate: '2026-06-01' }).expect(403);
    await p.chair().post(`/api/unions/${p.unionId}/budgets/${adj.body.id}/approve`).send({ committeeDate: '2026-06-01' }).expect(200);
    const versions = (await t.http().get(`/api/unions/${p.unionId}/budgets?year=2026`).expect(200)).body;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    expect((await p.chair().post(`/api/unions/${p.unionId}/budgets`).send({ year: 2027, lines: [{ account: '10201', amount: '1.00' }] }).expect(422)).body.code).toBe('BUDGET_LINE_INVALID');
    const c = await t.sql.connect();
    try {
      const err = await c.query(`UPDATE budget_lines SET amount = 1 WHERE union_id = $1`, [p.unionId]).then(() => 'OK', (e: { code: string }) => e.code);
      expect(err).toBe('UL002');
    } finally {
      c.release();
    }
  });

  it('shows execution per line and month: posted, reserved by approved claims, remaining, percent used', async () => {
    const { p } = await budgeted([{ account: '402', amount: '60000.00' }, { account: '503', amount: '2000.00' }]);
    await postVoucher(t, p.unionId, '2026-03-05', [{ account: '50304', debit: '300.00' }, { account: '10201', credit: '300.00' }]);
    const claim = await submittedClaim(t, p, claimBody('500.00'), []);
    await approve(p, claim.id).expect(200);
    const ex = (await t.http().get(`/api/unions/${p.unionId}/budget-execution/2026?through=2026-06`).expect(200)).body;
    expect(ex.budget).toMatchObject({ version: 1 });
    const line = (account: string) => ex.lines.find((l: { account: string }) => l.account === account);
    expect(line('503')).toMatchObject({ budget: '2000.00', actual: '300.00', reserved: '500.00', remaining: '1200.00', percentUsed: '40.0' });
    expect(line('503').months.slice(0, 4)).toEqual(['0.00', '0.00', '300.00', '0.00']);
    // the funding voucher of the test union: 拨入经费 on 402 in January
    expect(line('402')).toMatchObject({ kind: 'income', actual: '50000.00', remaining: '10000.00' });
  });

  it('off, warn, block: a warning in the claim rule results, a refusal with the figures', async () => {
    const { p } = await budgeted([{ account: '503', amount: '1000.00' }]);
    const first = await submittedClaim(t, p, claimBody('800.00'), []);
    await approve(p, first.id).expect(200); // off: no check at all
    await control(p, 'warn');
    const second = await submittedClaim(t, p, claimBody('300.00'), []);
    const warned = (await approve(p, second.id).expect(200)).body;
    expect(warned.compliance.results).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'budget', passed: false, advisory: true, message: expect.stringContaining('超出预算') })]),
    );
    expect(warned.compliance.passed).toBe(true);
    await control(p, 'block');
    const third = await submittedClaim(t, p, claimBody('100.00'), []);
    const refused = (await approve(p, third.id).expect(409)).body;
    expect(refused).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { budget: '1000.00', actual: '0.00', reserved: '1100.00', available: '-100.00', amount: '100.00', line: { accountCode: '503', projectCode: null } },
    });
    expect((await t.http().get(`/api/unions/${p.unionId}/claims/${third.id}`).expect(200)).body.status).toBe('submitted');
    // review checks too: the second claim, approved under "warn", is refused at review under "block"
    const review = await t.http().post(`/api/unions/${p.unionId}/claims/${second.id}/review`).send({}).expect(409);
    expect(review.body.code).toBe('BUDGET_EXCEEDED');
  });

  it('concurrent approvals cannot together exceed a blocking budget', async () => {
    const { p } = await budgeted([{ account: '503', amount: '1000.00' }]);
    await control(p, 'block');
    const claims = [];
    for (let i = 0; i < 6; i++) claims.push(await submittedClaim(t, p, claimBody('300.00', { purpose: `购书 ${i}` }), []));
    const results = await Promise.all(claims.map((c) => approve(p, c.id)));
    const ok = results.filter((r) => r.status === 200);
    // any three may win; never a fourth, and every loser is told why
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(Array(3).fill([409, 'BUDGET_EXCEEDED']));
    const { rows } = await t.sql.query(`SELECT coalesce(sum(amount), 0)::text AS held FROM claims WHERE union_id = $1 AND status = 'approved'`, [p.unionId]);
    expect(rows[0].held).toBe('900.00');
  });
});

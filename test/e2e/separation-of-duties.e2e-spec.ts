import { lines, newCenter, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('separation of duties (审核 ≠ 制单, 不相容职务)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const body = (amount = '100.00') => ({ date: '2026-01-05', lines: lines({ account: '10201', debit: amount }, { account: '402', credit: amount }) });

  it('never lets the preparer post their own voucher, whatever roles they hold', async () => {
    const u = await newUnion(t);
    // the bookkeeper is accountant and director of the center: both roles may post, but not their own work
    const draft = await postVoucher(t, u.id, '2026-01-05', [{ account: '10201', debit: '1.00' }, { account: '402', credit: '1.00' }], { post: false });
    const self = await t.http().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).expect(403);
    expect(self.body.code).toBe('SOD_SELF_REVIEW');
    const posted = await t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).expect(200);
    expect(posted.body).toMatchObject({ status: 'posted', preparer: 'bookkeeper', postedBy: 'reviewer' });
  });

  it('refuses to save and post in one step, and saves nothing', async () => {
    const u = await newUnion(t);
    const res = await t.http().post(`/api/unions/${u.id}/vouchers`).send({ ...body(), post: true }).expect(403);
    expect(res.body.code).toBe('SOD_SELF_REVIEW');
    const { rows } = await t.sql.query(`SELECT (SELECT count(*) FROM voucher_drafts WHERE union_id = $1)::int + (SELECT count(*) FROM vouchers WHERE union_id = $1)::int AS n`, [u.id]);
    expect(rows[0].n).toBe(0);
  });

  it('makes whoever edits a draft its preparer', async () => {
    const u = await newUnion(t);
    const draft = (await t.http().post(`/api/unions/${u.id}/vouchers`).send(body()).expect(201)).body;
    // the reviewer is a director: may not prepare vouchers at all
    expect((await t.reviewer().patch(`/api/unions/${u.id}/vouchers/${draft.id}`).send({ attachmentCount: 1 }).expect(403)).body.code).toBe('FORBIDDEN');
    const other = await t.userWith([{ role: 'accountant', centerId: u.centerId }], 'other-accountant');
    await other.http().patch(`/api/unions/${u.id}/vouchers/${draft.id}`).send({ attachmentCount: 1 }).expect(200);
    expect((await other.http().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).expect(403)).body.code).toBe('SOD_SELF_REVIEW');
    const posted = await t.http().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).expect(200);
    expect(posted.body).toMatchObject({ preparer: 'other-accountant', postedBy: 'bookkeeper' });
  });

  it('posts exactly what was reviewed when an edit races the posting', async () => {
    const u = await newUnion(t);
    for (let i = 0; i < 12; i++) {
      const draft = (await t.http().post(`/api/unions/${u.id}/vouchers`).send(body('100.00')).expect(201)).body;
      const [edit, post] = await Promise.all([
        t.http().patch(`/api/unions/${u.id}/vouchers/${draft.id}`).send(body('200.00')),
        t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`),
      ]);
      const stored = (await t.http().get(`/api/unions/${u.id}/vouchers/${draft.id}`).expect(200)).body;
      if (post.status === 200) {
        // posted: the edit either came first (and was posted) or found the voucher posted already
        expect(stored.status).toBe('posted');
        expect(stored.totalDebit).toBe(post.body.totalDebit);
        expect(stored.totalDebit).toBe(edit.status === 200 ? '200.00' : '100.00');
        if (edit.status !== 200) expect(edit.body.code).toBe('VOUCHER_NOT_DRAFT');
      } else {
        expect([post.status, post.body.code]).toEqual([409, 'VOUCHER_CHANGED']);
        expect(edit.status).toBe(200);
        expect(stored).toMatchObject({ status: 'draft', totalDebit: '200.00' });
      }
    }
  });

  it('refuses a cashier grant and an accountant grant to one person in the same center, in either order', async () => {
    const c1 = await newCenter(t);
    const c2 = await newCenter(t);
    const a = await t.userWith([{ role: 'accountant', centerId: c1.id }], 'acc');
    const refused = await t.admin().post(`/api/users/${a.id}/grants`).send({ role: 'cashier', centerId: c1.id }).expect(409);
    expect(refused.body.code).toBe('SOD_INCOMPATIBLE_GRANTS');
    // in another center it is a different job
    await t.admin().post(`/api/users/${a.id}/grants`).send({ role: 'cashier', centerId: c2.id }).expect(201);
    const b = await t.userWith([{ role: 'cashier', centerId: c1.id }], 'cash');
    expect((await t.admin().post(`/api/users/${b.id}/grants`).send({ role: 'accountant', centerId: c1.id }).expect(409)).body.code).toBe('SOD_INCOMPATIBLE_GRANTS');
    const grants = (await t.admin().get(`/api/users/${b.id}`).expect(200)).body.grants;
    expect(grants.map((g: { role: string }) => g.role)).toEqual(['cashier']);
  });

  it('refuses director + cashier and auditor + cashier like accountant + cashier (brief §6.1), and keeps what was granted', async () => {
    const c = await newCenter(t);
    const u = await newUnion(t, { centerId: c.id });
    const other = await newUnion(t);
    const cashier = await t.userWith([{ role: 'cashier', centerId: c.id }], 'cashier');
    for (const g of [{ role: 'director', centerId: c.id }, { role: 'auditor', centerId: c.id }, { role: 'auditor', unionId: u.id }]) {
      const res = await t.admin().post(`/api/users/${cashier.id}/grants`).send(g);
      expect([g, res.status, res.body.code]).toEqual([g, 409, 'SOD_INCOMPATIBLE_GRANTS']);
      expect(res.body.message).toContain('出纳');
    }
    // an auditor of a union in another center is another job
    await t.admin().post(`/api/users/${cashier.id}/grants`).send({ role: 'auditor', unionId: other.id }).expect(201);
    const director = await t.userWith([{ role: 'director', centerId: c.id }], 'director');
    expect((await t.admin().post(`/api/users/${director.id}/grants`).send({ role: 'cashier', centerId: c.id }).expect(409)).body.code).toBe('SOD_INCOMPATIBLE_GRANTS');
    const grants = (await t.admin().get(`/api/users/${cashier.id}`).expect(200)).body.grants;
    expect(grants.map((g: { role: string }) => g.role).sort()).toEqual(['auditor', 'cashier']);
  });

  it('never lets a cashier review or post a voucher', async () => {
    const u = await newUnion(t);
    const cashier = await t.userWith([{ role: 'cashier', centerId: u.centerId }], 'cashier');
    const draft = await postVoucher(t, u.id, '2026-01-05', [{ account: '10201', debit: '3.00' }, { account: '402', credit: '3.00' }], { post: false });
    const res = await cashier.http().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`);
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.http().get(`/api/unions/${u.id}/vouchers/${draft.id}`).expect(200)).body.status).toBe('draft');
  });

  it('refuses an administrator granting themselves anything', async () => {
    const c = await newCenter(t);
    const me = (await t.admin().get('/api/auth/me').expect(200)).body;
    const res = await t.admin().post(`/api/users/${me.id}/grants`).send({ role: 'accountant', centerId: c.id });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

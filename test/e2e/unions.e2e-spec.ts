import { newCenter, newUnion, postVoucher } from '../support/builders';
import { holdTransaction, lockWaiters, POSTING_LOCK } from '../support/locks';
import { startTestApp, TestApp } from '../support/test-app';

describe('centers and unions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a center and refuses a duplicate code', async () => {
    const center = await newCenter(t, 'HZ-DUP');
    expect(center.code).toBe('HZ-DUP');
    const dup = await t.admin().post('/api/centers').send({ code: 'HZ-DUP', name: 'x' }).expect(409);
    expect(dup.body.code).toBe('CENTER_CODE_TAKEN');
    // centers are the administrator's to create; staff see the centers they hold grants in
    expect((await t.http().post('/api/centers').send({ code: 'HZ-X', name: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    const list = await t.http().get('/api/centers').expect(200);
    expect(list.body.map((c: { code: string }) => c.code)).toContain('HZ-DUP');
    await t.admin().post('/api/centers').send({ code: 'HZ-OTHER', name: 'y' }).expect(201);
    expect((await t.http().get('/api/centers').expect(200)).body.map((c: { code: string }) => c.code)).not.toContain('HZ-OTHER');
    expect((await t.admin().get('/api/centers').expect(200)).body.map((c: { code: string }) => c.code)).toContain('HZ-OTHER');
  });

  it('creates a union with its template chart and its share of the pooled bank account', async () => {
    const union = await newUnion(t, { firstPeriod: '2026-01' });
    const res = await t.http().get(`/api/unions/${union.id}`).expect(200);
    expect(res.body).toMatchObject({ status: 'active', chartTemplate: 'grassroots', firstPeriod: '2026-01', fundingAccountCode: '10201' });
    const accounts = (await t.http().get(`/api/unions/${union.id}/accounts`).expect(200)).body as { code: string; leaf: boolean; path: string }[];
    expect(accounts).toHaveLength(71 + 1); // 71 grassroots accounts + 10201
    expect(accounts.find((a) => a.code === '102')!.leaf).toBe(false);
    expect(accounts.find((a) => a.code === '10201')).toMatchObject({ leaf: true, path: '银行存款—集中核算户' });
    expect(accounts.find((a) => a.code === '501')!.leaf).toBe(false);
    expect(accounts.find((a) => a.code === '50105')!.leaf).toBe(true);
  });

  it('gives county-level unions the 45-account county chart', async () => {
    const union = await newUnion(t, { chartTemplate: 'county' });
    const accounts = (await t.http().get(`/api/unions/${union.id}/accounts`).expect(200)).body as { code: string; level: number }[];
    expect(accounts.filter((a) => a.level === 1)).toHaveLength(45);
    expect(accounts.map((a) => a.code)).toContain('212');
    expect(accounts.map((a) => a.code)).not.toContain('401');
  });

  it('keeps union codes unique within a center, not across centers', async () => {
    const a = await newCenter(t);
    const b = await newCenter(t);
    const body = { code: '91330100SAME0001', name: 'u', chartTemplate: 'grassroots', firstPeriod: '2026-01' };
    await t.http().post('/api/unions').send({ ...body, centerId: a.id }).expect(201);
    const dup = await t.http().post('/api/unions').send({ ...body, centerId: a.id }).expect(409);
    expect(dup.body.code).toBe('UNION_CODE_TAKEN');
    await t.http().post('/api/unions').send({ ...body, centerId: b.id }).expect(201);
  });

  it('explains bad input and leaves nothing behind', async () => {
    const center = await newCenter(t);
    const bad = await t
      .http()
      .post('/api/unions')
      .send({ centerId: center.id, code: 'x y', name: '', chartTemplate: 'city', firstPeriod: '2026-13', extra: 1 })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const fields = bad.body.details.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'chartTemplate', 'firstPeriod', 'extra']));
    const unknownCenter = await t
      .http()
      .post('/api/unions')
      .send({ centerId: '00000000-0000-4000-8000-000000000000', code: 'U1', name: 'u', chartTemplate: 'grassroots', firstPeriod: '2026-01' })
      .expect(422);
    expect(unknownCenter.body.code).toBe('CENTER_NOT_FOUND');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM unions WHERE code = 'U1'`);
    expect(rows[0].n).toBe(0);
  });

  it('answers 404 for unknown and malformed union ids', async () => {
    expect((await t.http().get('/api/unions/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().get('/api/unions/not-a-uuid').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('lists unions by center and search text, paged', async () => {
    const center = await newCenter(t);
    for (let i = 0; i < 3; i++) await newUnion(t, { centerId: center.id });
    const page = await t.http().get(`/api/unions?centerId=${center.id}&pageSize=2`).expect(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(2);
    const found = await t.http().get(`/api/unions?centerId=${center.id}&q=${encodeURIComponent(page.body.items[0].code)}`).expect(200);
    expect(found.body.total).toBe(1);
  });

  it('suspends, resumes and withdraws; a withdrawn union is read-only', async () => {
    const union = await newUnion(t);
    await postVoucher(t, union.id, '2026-01-10', [
      { account: '10201', debit: '100.00' },
      { account: '402', credit: '100.00' },
    ]);
    await t.http().post(`/api/unions/${union.id}/suspend`).expect(200);
    const again = await t.http().post(`/api/unions/${union.id}/suspend`).expect(409);
    expect(again.body.code).toBe('UNION_STATUS_TRANSITION');
    await t.http().post(`/api/unions/${union.id}/resume`).expect(200);
    const withdrawn = await t
      .http()
      .post(`/api/unions/${union.id}/withdraw`)
      .send({ reason: '自行开户', ownAccount: { bankName: '建行', accountName: '某工会', accountNo: '3305001' }, bankReference: 'W-1', date: '2026-01-31' })
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await t.http().post(`/api/unions/${union.id}/resume`).expect(409)).body.code).toBe('UNION_STATUS_TRANSITION');

    const write = await t
      .http()
      .post(`/api/unions/${union.id}/vouchers`)
      .send({ date: '2026-01-11', lines: [{ summary: 's', account: '10201', debit: '1' }, { summary: 's', account: '402', credit: '1' }] })
      .expect(409);
    expect(write.body.code).toBe('UNION_WITHDRAWN');
    expect((await t.http().post(`/api/unions/${union.id}/accounts`).send({ parentCode: '50105', code: '5010501', name: 'x' }).expect(409)).body.code).toBe(
      'UNION_WITHDRAWN',
    );
    expect((await t.http().patch(`/api/unions/${union.id}`).send({ name: 'x' }).expect(409)).body.code).toBe('UNION_WITHDRAWN');
    // the books stay readable
    const tb = await t.http().get(`/api/unions/${union.id}/trial-balance?from=2026-01&to=2026-01`).expect(200);
    expect(tb.body.totals.debit).toBe('200.00');
  });

  it('changes the numbering scheme only before the first posting', async () => {
    const union = await newUnion(t);
    await t.http().patch(`/api/unions/${union.id}`).send({ voucherNumbering: 'typed' }).expect(200);
    await postVoucher(t, union.id, '2026-01-10', [
      { account: '10201', debit: '100.00' },
      { account: '402', credit: '100.00' },
    ]);
    const res = await t.http().patch(`/api/unions/${union.id}`).send({ voucherNumbering: 'general' }).expect(409);
    expect(res.body.code).toBe('UNION_BOOKS_STARTED');
  });

  describe('a numbering change racing the first posting', () => {
    const body = { date: '2026-01-10', lines: [{ summary: 's', account: '10201', debit: '1.00' }, { summary: 's', account: '402', credit: '1.00' }] };
    /** Every posted voucher of the union has a type of its numbering scheme (记 for general, 收/付/转 for typed). */
    const consistent = async (unionId: string) => {
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM vouchers v JOIN unions u ON u.id = v.union_id
          WHERE v.union_id = $1 AND (u.voucher_numbering = 'general') <> (v.voucher_type = 'general')`,
        [unionId],
      );
      return rows[0].n === 0;
    };

    it('refuses the posting when the change takes the posting lock first (checked by the database under the lock)', async () => {
      const u = await newUnion(t);
      const draft = (await t.http().post(`/api/unions/${u.id}/vouchers`).send(body).expect(201)).body;
      const held = await holdTransaction(t, [[POSTING_LOCK, [u.id]]]);
      const change = t.http().patch(`/api/unions/${u.id}`).send({ voucherNumbering: 'typed' }).then((r) => r);
      // validated against the general scheme, then queued behind the change for the posting lock
      const post = lockWaiters(t, 1).then(() => t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).then((r) => r));
      await lockWaiters(t, 2).finally(() => held.commit());
      const [changed, posted] = await Promise.all([change, post]);
      expect([changed.status, changed.body.voucherNumbering]).toEqual([200, 'typed']);
      expect([posted.status, posted.body.code]).toEqual([422, 'VOUCHER_TYPE_NOT_ALLOWED']);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u.id])).rows[0].n).toBe(0);
    });

    it('refuses the change while a posting is in flight, once that posting commits', async () => {
      const u = await newUnion(t);
      // a posting by plain SQL, inserted (its triggers passed under the general scheme) but not yet committed
      const posting = await holdTransaction(t, [
        [`INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, number, preparer, posted_by)
           VALUES ($1, '01900000-0000-7000-8000-0000000000aa', '2026-01-10', 202601, 'general', 1, 'sql', 'sql')`, [u.id]],
        [`INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
           VALUES ($1, '01900000-0000-7000-8000-0000000000aa', 1, '2026-01-10', 's', '10201', 1, 0),
                  ($1, '01900000-0000-7000-8000-0000000000aa', 2, '2026-01-10', 's', '402', 0, 1)`, [u.id]],
      ]);
      const change = t.http().patch(`/api/unions/${u.id}`).send({ voucherNumbering: 'typed' }).then((r) => r);
      await lockWaiters(t, 1).finally(() => posting.commit());
      const changed = await change;
      expect([changed.status, changed.body.code]).toEqual([409, 'UNION_BOOKS_STARTED']);
      expect(await consistent(u.id)).toBe(true);
    });

    it('keeps every posted voucher in its union\'s scheme when changes and first postings race freely', async () => {
      for (let i = 0; i < 8; i++) {
        const u = await newUnion(t);
        const draft = (await t.http().post(`/api/unions/${u.id}/vouchers`).send(body).expect(201)).body;
        const [changed, posted] = await Promise.all([
          t.http().patch(`/api/unions/${u.id}`).send({ voucherNumbering: 'typed' }),
          t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`),
        ]);
        // either the posting won (the change is refused) or the change won (the posting is refused)
        const code = (r: { status: number; body: { code?: string } }) => (r.status === 200 ? null : r.body.code);
        const outcome = [changed.status, code(changed), posted.status, code(posted)];
        expect([[409, 'UNION_BOOKS_STARTED', 200, null], [200, null, 422, 'VOUCHER_TYPE_NOT_ALLOWED']]).toContainEqual(outcome);
        expect(await consistent(u.id)).toBe(true);
      }
    });
  });
});

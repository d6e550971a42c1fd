import { fund, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * 红字冲销 under 审核 ≠ 制单: one person prepares the red copy as a draft, another posts it; or, where the
 * center allows it, one person does both and the voucher says so. A voucher is reversed at most once,
 * however many drafts race.
 */
describe('reversals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const api = (unionId: string) => `/api/unions/${unionId}/vouchers`;
  const settings = (centerId: string, onePersonReversal: boolean) =>
    t.reviewer().put(`/api/centers/${centerId}/ledger-settings`).send({ onePersonReversal, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00' });
  const posted = async (unionId: string) =>
    (await t.sql.query(`SELECT number, source, red FROM vouchers WHERE union_id = $1 ORDER BY number`, [unionId])).rows;

  it('prepares the red copy as a draft that another person posts; the pair nets to nothing and is linked both ways', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '880.00', '2026-02-10');
    const original = await postVoucher(t, u.id, '2026-03-05', [
      { account: '50105', debit: '880.00', summary: '购买慰问品' },
      { account: '10201', credit: '880.00', summary: '购买慰问品' },
    ]);
    const draft = await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ date: '2026-03-20' }).expect(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      source: 'reversal',
      red: true,
      date: '2026-03-20',
      number: null,
      preparer: 'bookkeeper',
      reviewer: null,
      onePerson: false,
      reversalOf: { id: original.id, displayNumber: '记-202603-0001' },
      totalDebit: '-880.00',
    });
    expect(draft.body.lines.map((l: { account: string; debit: string | null; credit: string | null; summary: string }) => [l.account, l.debit, l.credit, l.summary])).toEqual([
      ['50105', '-880.00', null, '冲销 记-202603-0001 号凭证'],
      ['10201', null, '-880.00', '冲销 记-202603-0001 号凭证'],
    ]);
    // nothing is in the books yet, and the draft is the exact red copy: not edited, not posted by its preparer
    expect((await t.http().get(`${api(u.id)}/${original.id}`).expect(200)).body.reversedBy).toBeNull();
    expect((await t.http().patch(`${api(u.id)}/${draft.body.id}`).send({ attachmentCount: 1 }).expect(409)).body.code).toBe('VOUCHER_IS_REVERSAL');
    expect((await t.http().post(`${api(u.id)}/${draft.body.id}/post`).expect(403)).body.code).toBe('SOD_SELF_REVIEW');

    const rev = await t.reviewer().post(`${api(u.id)}/${draft.body.id}/post`).expect(200);
    expect(rev.body).toMatchObject({
      id: draft.body.id,
      status: 'posted',
      displayNumber: '记-202603-0002',
      preparer: 'bookkeeper',
      reviewer: 'reviewer',
      postedBy: 'reviewer',
      onePerson: false,
      reversalOf: { id: original.id, displayNumber: '记-202603-0001' },
      amountInWords: '负捌佰捌拾元整',
    });
    expect((await t.http().get(`${api(u.id)}/${original.id}`).expect(200)).body.reversedBy).toEqual({ id: rev.body.id, displayNumber: '记-202603-0002' });
    const tb = (await t.http().get(`/api/unions/${u.id}/trial-balance?from=2026-03&to=2026-03&includeZero=true`).expect(200)).body;
    expect(tb.rows.find((r: { code: string }) => r.code === '50105')).toMatchObject({ debit: '0.00', closingDebit: '0.00', closingCredit: '0.00' });

    expect((await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({}).expect(409)).body.code).toBe('VOUCHER_ALREADY_REVERSED');
    expect((await t.http().post(`${api(u.id)}/${rev.body.id}/reverse`).send({}).expect(409)).body.code).toBe('VOUCHER_IS_REVERSAL');
    const { rows } = await t.sql.query(`SELECT action, after FROM audit_log WHERE union_id = $1 AND entity_id = $2 AND action = 'voucher.reverse'`, [u.id, original.id]);
    expect(rows).toEqual([{ action: 'voucher.reverse', after: expect.objectContaining({ reversalId: rev.body.id, preparer: 'bookkeeper', postedBy: 'reviewer', onePerson: false }) }]);
  });

  it('refuses to reverse a draft, or to date the reversal before the original, and prepares nothing', async () => {
    const u = await newUnion(t);
    const draft = await postVoucher(t, u.id, '2026-03-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
    expect((await t.http().post(`${api(u.id)}/${draft.id}/reverse`).send({}).expect(409)).body.code).toBe('VOUCHER_NOT_POSTED');
    const original = await postVoucher(t, u.id, '2026-03-05', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
    expect((await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ date: '2026-03-04' }).expect(422)).body.code).toBe('REVERSAL_DATE_INVALID');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM voucher_drafts WHERE union_id = $1 AND source = 'reversal'`, [u.id]);
    expect(rows[0].n).toBe(0);
  });

  it('posts exactly one of several reversal drafts of one voucher when their postings race; numbering stays gapless', async () => {
    const poster2 = await t.userWith([], 'director-2');
    for (let round = 0; round < 4; round++) {
      const u = await newUnion(t);
      await t.admin().post(`/api/users/${poster2.id}/grants`).send({ role: 'director', centerId: u.centerId }).expect(201);
      const original = await postVoucher(t, u.id, '2026-03-05', [{ account: '10201', debit: '7.00' }, { account: '402', credit: '7.00' }]);
      // two accountants' worth of drafts: each prepared while the voucher was still unreversed
      const drafts = await Promise.all(Array.from({ length: 6 }, () => t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ date: '2026-03-06' })));
      expect(drafts.map((d) => d.status)).toEqual(Array(6).fill(201));
      const results = await Promise.all(drafts.map((d, i) => (i % 2 ? t.reviewer : poster2.http)().post(`${api(u.id)}/${d.body.id}/post`)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(Array(5).fill([409, 'VOUCHER_ALREADY_REVERSED']));
      expect((await posted(u.id)).map((r) => r.number)).toEqual([1, 2]);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM voucher_reversals WHERE union_id = $1`, [u.id]);
      expect(rows[0].n).toBe(1);
      // the losers stay drafts for their preparer to delete
      const left = (await t.http().get(`${api(u.id)}?status=draft`).expect(200)).body;
      expect(left.total).toBe(5);
      await t.http().delete(`${api(u.id)}/${left.items[0].id}`).expect(204);
    }
  });

  it('lets one person reverse alone only where the center allows it, and says so on the voucher and in the audit trail', async () => {
    const u = await newUnion(t);
    const original = await postVoucher(t, u.id, '2026-03-05', [{ account: '10201', debit: '9.00' }, { account: '402', credit: '9.00' }]);
    // off by default: refused, nothing posted
    const refused = await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ post: true }).expect(403);
    expect(refused.body.code).toBe('SOD_SELF_REVIEW');
    expect((await posted(u.id)).length).toBe(1);
    expect((await t.http().get(`/api/centers/${u.centerId}/ledger-settings`).expect(200)).body).toMatchObject({ onePersonReversal: false });

    const on = await settings(u.centerId, true).expect(200);
    expect(on.body).toMatchObject({ onePersonReversal: true, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00' });
    const alone = await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ date: '2026-03-07', post: true }).expect(201);
    expect(alone.body).toMatchObject({ status: 'posted', onePerson: true, preparer: 'bookkeeper', reviewer: 'bookkeeper', postedBy: 'bookkeeper', displayNumber: '记-202603-0002' });
    const { rows } = await t.sql.query(
      `SELECT action, after FROM audit_log WHERE union_id = $1
          AND ((action = 'voucher.post' AND entity_id = $2) OR (action = 'voucher.reverse' AND entity_id = $3)) ORDER BY seq`,
      [u.id, alone.body.id, original.id],
    );
    expect(rows.map((r) => [r.action, r.after.onePerson])).toEqual([['voucher.post', true], ['voucher.reverse', true]]);
    expect((await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ post: true }).expect(409)).body.code).toBe('VOUCHER_ALREADY_REVERSED');

    // switched off again: refused again
    await settings(u.centerId, false).expect(200);
    const second = await postVoucher(t, u.id, '2026-03-05', [{ account: '10201', debit: '2.00' }, { account: '402', credit: '2.00' }]);
    expect((await t.http().post(`${api(u.id)}/${second.id}/reverse`).send({ post: true }).expect(403)).body.code).toBe('SOD_SELF_REVIEW');
    // the setting is the director's: an accountant cannot switch it on
    const accountant = await t.userWith([{ role: 'accountant', centerId: u.centerId }], 'accountant');
    expect((await accountant.http().put(`/api/centers/${u.centerId}/ledger-settings`).send({ onePersonReversal: true, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00' })).status).toBe(403);
  });

  it('keeps one reversal per voucher when a one-person reversal races the posting of a reversal draft', async () => {
    const u = await newUnion(t);
    await settings(u.centerId, true).expect(200);
    for (let i = 0; i < 4; i++) {
      const original = await postVoucher(t, u.id, '2026-03-05', [{ account: '10201', debit: '3.00' }, { account: '402', credit: '3.00' }]);
      const draft = await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({}).expect(201);
      const [viaDraft, alone] = await Promise.all([
        t.reviewer().post(`${api(u.id)}/${draft.body.id}/post`),
        t.reviewer().post(`${api(u.id)}/${original.id}/reverse`).send({ post: true }),
      ]);
      // either may win; the other is refused, never both posted
      expect([[200, 409], [201, 409]]).toContainEqual([viaDraft.status, alone.status].sort());
      expect([viaDraft, alone].filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['VOUCHER_ALREADY_REVERSED']);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM voucher_reversals WHERE union_id = $1 AND original_id = $2`, [u.id, original.id]);
      expect(rows[0].n).toBe(1);
    }
  });

  describe('in the database, whatever path writes', () => {
    const insertVoucher = (unionId: string, id: string, cols: Record<string, unknown>) => {
      const names = ['union_id', 'id', 'voucher_date', 'period', 'voucher_type', 'number', 'preparer', 'posted_by', ...Object.keys(cols)];
      const values = [unionId, id, '2026-03-10', 202603, 'general', 1, 'p', 'q', ...Object.values(cols)];
      return `INSERT INTO vouchers (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`;
    };
    /** Posts a one-line-pair voucher by plain SQL in one transaction; resolves to the SQLSTATE or 'OK'. */
    const postViaSql = async (unionId: string, id: string, cols: Record<string, unknown>, extra: string[] = []) => {
      const c = await t.sql.connect();
      try {
        await c.query('BEGIN');
        await c.query(insertVoucher(unionId, id, cols), [unionId, id, '2026-03-10', 202603, 'general', 1, 'p', 'q', ...Object.values(cols)]);
        await c.query(
          `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
           VALUES ($1, $2, 1, '2026-03-10', 's', '101', -1, 0), ($1, $2, 2, '2026-03-10', 's', '402', 0, -1)`,
          [unionId, id],
        );
        for (const sql of extra) await c.query(sql);
        await c.query('COMMIT');
        return 'OK';
      } catch (e) {
        await c.query('ROLLBACK');
        return (e as { code: string }).code;
      } finally {
        c.release();
      }
    };
    const ids = { a: '01900000-0000-7000-8000-0000000000a1', b: '01900000-0000-7000-8000-0000000000b1' };

    it('refuses a voucher prepared and reviewed by one person, a cashier who reviews or posts, and a one-person voucher the center does not allow', async () => {
      const u = await newUnion(t);
      const me = '01900000-0000-7000-8000-00000000000a';
      const other = '01900000-0000-7000-8000-00000000000b';
      const red = { red: true, source: 'reversal' };
      expect(await postViaSql(u.id, ids.a, { ...red, preparer_id: me, posted_by_id: me })).toBe('ULR03');
      expect(await postViaSql(u.id, ids.a, { ...red, preparer_id: me, reviewer_id: me, posted_by_id: other })).toBe('ULR03');
      expect(await postViaSql(u.id, ids.a, { ...red, preparer_id: other, posted_by_id: me, cashier_id: me })).toBe('ULR03');
      expect(await postViaSql(u.id, ids.a, { ...red, preparer_id: me, posted_by_id: me, reviewer_id: me, one_person: true })).toBe('ULR03');
      await settings(u.centerId, true).expect(200);
      expect(await postViaSql(u.id, ids.a, { red: true, source: 'manual', preparer_id: me, posted_by_id: me, reviewer_id: me, one_person: true })).toBe('ULR03');
      expect((await posted(u.id)).length).toBe(0);
    });

    it('refuses a reversal left unlinked, a second link to one original, and the reversal of a reversal', async () => {
      const u = await newUnion(t);
      const original = await postVoucher(t, u.id, '2026-03-05', [{ account: '101', debit: '1.00' }, { account: '402', credit: '1.00' }]);
      const people = { red: true, source: 'reversal', preparer_id: '01900000-0000-7000-8000-00000000000a', posted_by_id: '01900000-0000-7000-8000-00000000000b' };
      expect(await postViaSql(u.id, ids.a, people)).toBe('ULR02');
      const rev = (await t.http().post(`${api(u.id)}/${original.id}/reverse`).send({ date: '2026-03-06' }).expect(201)).body;
      await t.reviewer().post(`${api(u.id)}/${rev.id}/post`).expect(200);
      const link = (reversal: string, of: string) => `INSERT INTO voucher_reversals (union_id, original_id, reversal_id) VALUES ('${u.id}', '${of}', '${reversal}')`;
      expect(await postViaSql(u.id, ids.a, people, [link(ids.a, original.id)])).toBe('23505');
      expect(await postViaSql(u.id, ids.b, people, [link(ids.b, rev.id)])).toBe('ULR02');
      expect((await posted(u.id)).map((r) => r.number)).toEqual([1, 2]);
    });
  });
});

import { fund, lines, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('vouchers', () => {
  let t: TestApp;
  let unionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t)).id;
  });
  afterAll(() => t.close());

  const url = () => `/api/unions/${unionId}/vouchers`;
  const voucherCount = async () => Number((await t.sql.query(`SELECT count(*) FROM vouchers WHERE union_id = $1`, [unionId])).rows[0].count);

  describe('amounts on the wire', () => {
    it.each([
      ['a JSON number', 100, 'AMOUNT_INVALID'],
      ['exponent notation', '1e3', 'AMOUNT_INVALID'],
      ['three decimals', '12.345', 'AMOUNT_INVALID'],
      ['an empty string', '', 'AMOUNT_INVALID'],
      ['NaN', 'NaN', 'AMOUNT_INVALID'],
      ['thousands separators', '1,000.00', 'AMOUNT_INVALID'],
      ['more than 999,999,999,999.99', '1000000000000.00', 'AMOUNT_INVALID'],
      ['a boolean', true, 'AMOUNT_INVALID'],
      ['an object', { value: '1.00' }, 'AMOUNT_INVALID'],
    ])('refuses %s with a clear 400 and changes nothing', async (_label, amount, code) => {
      const before = await voucherCount();
      const res = await t
        .http()
        .post(url())
        .send({ date: '2026-02-01', lines: [{ summary: 's', account: '10201', debit: amount }, { summary: 's', account: '402', credit: '100.00' }] })
        .expect(400);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/金额/);
      expect(res.body.details.errors[0].field).toBe('lines.0.debit');
      expect(await voucherCount()).toBe(before);
    });

    it('refuses a line with both sides set, or neither (null counts as not set)', async () => {
      const nulls = await t
        .http()
        .post(url())
        .send({ date: '2026-02-01', lines: [{ summary: 's', account: '10201', debit: null, credit: null }, { summary: 's', account: '402', credit: '5' }] })
        .expect(400);
      expect(nulls.body.code).toBe('LINE_SIDE_INVALID');
      const both = await t
        .http()
        .post(url())
        .send({ date: '2026-02-01', lines: [{ summary: 's', account: '10201', debit: '5', credit: '5' }, { summary: 's', account: '402', credit: '5' }] })
        .expect(400);
      expect(both.body.code).toBe('LINE_SIDE_INVALID');
      expect(both.body.message).toContain('第 1 行');
      const neither = await t
        .http()
        .post(url())
        .send({ date: '2026-02-01', lines: [{ summary: 's', account: '10201' }, { summary: 's', account: '402', credit: '5' }] })
        .expect(400);
      expect(neither.body.code).toBe('LINE_SIDE_INVALID');
    });

    it('accepts the largest amount and one-decimal amounts, and answers in two places', async () => {
      const v = await postVoucher(t, unionId, '2026-02-02', [
        { account: '10201', debit: '999999999999.99' },
        { account: '402', credit: '999999999999.9' },
        { account: '402', credit: '0.09' },
      ]);
      expect(v.lines.map((l: { debit: string | null; credit: string | null }) => l.debit ?? l.credit)).toEqual([
        '999999999999.99',
        '999999999999.90',
        '0.09',
      ]);
      expect(v.amountInWords).toBe('玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
    });

    it('refuses impossible dates, unknown fields and oversized vouchers', async () => {
      const body = { date: '2026-02-30', lines: lines({ account: '10201', debit: '1' }, { account: '402', credit: '1' }) };
      expect((await t.http().post(url()).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await t.http().post(url()).send({ ...body, date: '2026-02-01', number: 7 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      const many = Array.from({ length: 501 }, () => ({ summary: 's', account: '10201', debit: '1' }));
      expect((await t.http().post(url()).send({ date: '2026-02-01', lines: many }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('accounting rules', () => {
    it('rejects unbalanced vouchers and says by how much', async () => {
      const before = await voucherCount();
      const res = await t
        .http()
        .post(url())
        .send({ date: '2026-02-03', lines: lines({ account: '10201', debit: '100.00' }, { account: '402', credit: '90.00' }) })
        .expect(422);
      expect(res.body.code).toBe('VOUCHER_UNBALANCED');
      expect(res.body.message).toContain('100.00');
      expect(res.body.message).toContain('90.00');
      expect(await voucherCount()).toBe(before);
    });

    it('posts only to leaf accounts', async () => {
      const res = await t
        .http()
        .post(url())
        .send({ date: '2026-02-03', lines: lines({ account: '102', debit: '1' }, { account: '402', credit: '1' }) })
        .expect(422);
      expect(res.body.code).toBe('ACCOUNT_NOT_LEAF');
    });

    it('requires a project on restricted lines, and the project must be the union\'s own', async () => {
      const restricted = lines({ account: '10201', debit: '500' }, { account: '40302', credit: '500', fundType: 'restricted' });
      expect((await t.http().post(url()).send({ date: '2026-02-03', lines: restricted }).expect(422)).body.code).toBe('PROJECT_REQUIRED');
      const other = await newUnion(t);
      await t.http().post(`/api/unions/${other.id}/projects`).send({ code: 'P-OTHER', name: '别家的项目' }).expect(201);
      restricted[1].project = 'P-OTHER';
      expect((await t.http().post(url()).send({ date: '2026-02-03', lines: restricted }).expect(422)).body.code).toBe('PROJECT_NOT_FOUND');
      await t.http().post(`/api/unions/${unionId}/projects`).send({ code: 'P-OWN', name: '职工书屋' }).expect(201);
      expect((await t.http().post(`/api/unions/${unionId}/projects`).send({ code: 'P-OWN', name: '重复' }).expect(409)).body.code).toBe(
        'PROJECT_CODE_TAKEN',
      );
      restricted[1].project = 'P-OWN';
      const ok = await t.http().post(url()).send({ date: '2026-02-03', lines: restricted }).expect(201);
      expect(ok.body.lines[1]).toMatchObject({ fundType: 'restricted', project: 'P-OWN' });
      expect(ok.body.lines[0].fundType).toBeNull();
    });
  });

  describe('draft → posted', () => {
    it('saves a draft without a number, edits it, posts it with the next number and freezes it', async () => {
      const draft = await t
        .http()
        .post(url())
        .send({ date: '2026-03-10', attachmentCount: 3, lines: lines({ account: '50105', debit: '880.00', summary: '购买慰问品' }, { account: '10201', credit: '880.00', summary: '购买慰问品' }) })
        .expect(201);
      expect(draft.body).toMatchObject({ status: 'draft', number: null, displayNumber: null, preparer: 'bookkeeper', attachmentCount: 3 });
      expect(draft.body.lines[0]).toMatchObject({ accountPath: '职工活动支出—会员活动支出', fundType: 'unrestricted' });

      const edited = await t
        .http()
        .patch(`${url()}/${draft.body.id}`)
        .send({ lines: lines({ account: '50105', debit: '860.00' }, { account: '10201', credit: '860.00' }) })
        .expect(200);
      expect(edited.body.totalDebit).toBe('860.00');
      expect(edited.body.attachmentCount).toBe(3);

      const posted = await t.reviewer().post(`${url()}/${draft.body.id}/post`).expect(200);
      expect(posted.body).toMatchObject({ status: 'posted', postedBy: 'reviewer', amountInWords: '捌佰陆拾元整' });
      expect(posted.body.displayNumber).toMatch(/^记-202603-\d{4}$/);

      expect((await t.reviewer().post(`${url()}/${draft.body.id}/post`).expect(409)).body.code).toBe('VOUCHER_NOT_DRAFT');
      expect((await t.http().patch(`${url()}/${draft.body.id}`).send({ attachmentCount: 1 }).expect(409)).body.code).toBe('VOUCHER_NOT_DRAFT');
      expect((await t.http().delete(`${url()}/${draft.body.id}`).expect(409)).body.code).toBe('VOUCHER_NOT_DRAFT');
    });

    it('deletes drafts, and the next posted voucher takes the next number without a gap', async () => {
      const u = await newUnion(t);
      const first = await postVoucher(t, u.id, '2026-04-01', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
      const draft = await postVoucher(t, u.id, '2026-04-02', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
      await t.http().delete(`/api/unions/${u.id}/vouchers/${draft.id}`).expect(204);
      await t.http().get(`/api/unions/${u.id}/vouchers/${draft.id}`).expect(404);
      const second = await postVoucher(t, u.id, '2026-04-03', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
      expect([first.displayNumber, second.displayNumber]).toEqual(['记-202604-0001', '记-202604-0002']);
    });

    it('numbers per period: a new month starts at 1', async () => {
      const u = await newUnion(t);
      const a = await postVoucher(t, u.id, '2026-05-31', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
      const b = await postVoucher(t, u.id, '2026-06-01', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }]);
      expect([a.displayNumber, b.displayNumber]).toEqual(['记-202605-0001', '记-202606-0001']);
    });

    it('re-checks the books when posting: a draft whose account was deactivated meanwhile does not post', async () => {
      const u = await newUnion(t);
      await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: '临时' }).expect(201);
      const draft = await postVoucher(t, u.id, '2026-04-02', [{ account: '5010601', debit: '5' }, { account: '10201', credit: '5' }], { post: false });
      await t.sql.query(`UPDATE accounts SET is_active = false WHERE union_id = $1 AND code = '5010601'`, [u.id]);
      expect((await t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).expect(422)).body.code).toBe('ACCOUNT_INACTIVE');
    });
  });

  describe('typed numbering (收/付/转)', () => {
    it('infers the type from cash and bank lines and numbers each type separately', async () => {
      const u = await newUnion(t, { voucherNumbering: 'typed' });
      const receipt = await postVoucher(t, u.id, '2026-03-01', [{ account: '10201', debit: '100' }, { account: '401', credit: '100' }]);
      const payment = await postVoucher(t, u.id, '2026-03-02', [{ account: '50105', debit: '40' }, { account: '10201', credit: '40' }]);
      const transfer = await postVoucher(t, u.id, '2026-03-03', [{ account: '50105', debit: '10' }, { account: '215', credit: '10' }]);
      const receipt2 = await postVoucher(t, u.id, '2026-03-04', [{ account: '101', debit: '5' }, { account: '401', credit: '5' }]);
      expect([receipt, payment, transfer, receipt2].map((v) => v.displayNumber)).toEqual([
        '收-202603-0001',
        '付-202603-0001',
        '转-202603-0001',
        '收-202603-0002',
      ]);
      const wrong = await t
        .http()
        .post(`/api/unions/${u.id}/vouchers`)
        .send({ date: '2026-03-05', type: 'transfer', lines: lines({ account: '10201', debit: '1' }, { account: '401', credit: '1' }) })
        .expect(422);
      expect(wrong.body.code).toBe('VOUCHER_TYPE_MISMATCH');
      const general = await t
        .http()
        .post(`/api/unions/${u.id}/vouchers`)
        .send({ date: '2026-03-05', type: 'general', lines: lines({ account: '10201', debit: '1' }, { account: '401', credit: '1' }) })
        .expect(422);
      expect(general.body.code).toBe('VOUCHER_TYPE_NOT_ALLOWED');
    });
  });

  describe('red-ink vouchers (reversals: reversals.e2e-spec.ts)', () => {
    it('accepts a manual red voucher (amount correction) with all amounts negative', async () => {
      const u = await newUnion(t);
      const red = await postVoucher(t, u.id, '2026-03-05', [{ account: '50105', debit: '-20.00' }, { account: '10201', credit: '-20.00' }], { red: true });
      expect(red).toMatchObject({ red: true, totalDebit: '-20.00' });
      const blueNegative = await t
        .http()
        .post(`/api/unions/${u.id}/vouchers`)
        .send({ date: '2026-03-05', lines: lines({ account: '50105', debit: '-20.00' }, { account: '10201', credit: '-20.00' }) })
        .expect(422);
      expect(blueNegative.body.code).toBe('AMOUNT_SIGN_INVALID');
    });
  });

  describe('listing', () => {
    it('pages an account filter through the per-period counts: every page size and page gives the account\'s vouchers in order, drafts after', async () => {
      const u = await newUnion(t);
      await fund(t, u.id, '1000.00');
      // January (dense with 50105: the first pages walk the vouchers): 50105, 402 only, three 50105; February: 50101,
      // 50105, 402 only (later pages read the account's lines); a draft of March on 50105
      const spec: [string, string][] = [
        ['2026-01-03', '50105'], ['2026-01-04', '402'], ['2026-01-05', '50105'], ['2026-01-06', '50105'], ['2026-01-07', '50105'],
        ['2026-02-02', '50101'], ['2026-02-03', '50105'], ['2026-02-04', '402'],
      ];
      const ids: Record<string, string[]> = { '501': [], '50105': [] };
      for (const [date, account] of spec) {
        const side = account.startsWith('4') ? [{ account: '10201', debit: '10.00' }, { account, credit: '10.00' }] : [{ account, debit: '10.00' }, { account: '10201', credit: '10.00' }];
        const v = await postVoucher(t, u.id, date, side);
        if (account.startsWith('501')) ids['501'].push(v.id);
        if (account === '50105') ids['50105'].push(v.id);
      }
      const draft = await postVoucher(t, u.id, '2026-03-03', [{ account: '50105', debit: '1.00' }, { account: '10201', credit: '1.00' }], { post: false });
      for (const account of ['501', '50105']) {
        const expected = [...ids[account], draft.id];
        for (const pageSize of [1, 2, 3]) {
          const got: string[] = [];
          for (let page = 1; page <= Math.ceil(expected.length / pageSize) + 1; page++) {
            const body = (await t.http().get(`/api/unions/${u.id}/vouchers?account=${account}&pageSize=${pageSize}&page=${page}`).expect(200)).body;
            expect([account, pageSize, page, body.total]).toEqual([account, pageSize, page, expected.length]);
            got.push(...body.items.map((i: { id: string }) => i.id));
          }
          expect([account, pageSize, got]).toEqual([account, pageSize, expected]);
        }
      }
      // a window that starts later: February's 501 vouchers are 50101 then 50105
      const feb = (await t.http().get(`/api/unions/${u.id}/vouchers?account=501&status=posted&pageSize=1&page=2&from=2026-02`).expect(200)).body;
      expect([feb.total, feb.items.map((i: { id: string }) => i.id)]).toEqual([2, [ids['501'][5]]]);
    });

    it('filters by period, status, number, account and text, paged', async () => {
      const u = await newUnion(t);
      await postVoucher(t, u.id, '2026-03-01', [{ account: '10201', debit: '100', summary: '收到会费' }, { account: '401', credit: '100', summary: '收到会费' }]);
      await postVoucher(t, u.id, '2026-03-02', [{ account: '50105', debit: '30', summary: '生日蛋糕' }, { account: '10201', credit: '30', summary: '生日蛋糕' }]);
      await postVoucher(t, u.id, '2026-04-02', [{ account: '50101', debit: '20', summary: '培训教材' }, { account: '10201', credit: '20', summary: '培训教材' }]);
      await postVoucher(t, u.id, '2026-04-03', [{ account: '50101', debit: '5' }, { account: '10201', credit: '5' }], { post: false });
      const base = `/api/unions/${u.id}/vouchers`;
      const q = async (query: string) => (await t.http().get(`${base}?${query}`).expect(200)).body;
      expect((await q('period=2026-03')).total).toBe(2);
      expect((await q('status=draft')).total).toBe(1);
      expect((await q('account=501')).total).toBe(3);
      expect((await q('account=50105')).items[0].summary).toBe('生日蛋糕');
      expect((await q(`text=${encodeURIComponent('蛋糕')}`)).total).toBe(1);
      expect((await q(`number=${encodeURIComponent('记-202604-0001')}`)).items[0].total).toBe('20.00');
      expect((await q('number=1')).total).toBe(2);
      const page = await q('pageSize=2&page=2');
      expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      expect((await t.http().get(`${base}?from=2026-05&to=2026-04`).expect(400)).body.code).toBe('PERIOD_RANGE_INVALID');
    });

    it("never shows or touches another union's vouchers", async () => {
      const a = await newUnion(t);
      const b = await newUnion(t);
      const v = await postVoucher(t, a.id, '2026-03-01', [{ account: '10201', debit: '1' }, { account: '402', credit: '1' }], { post: false });
      await t.http().get(`/api/unions/${b.id}/vouchers/${v.id}`).expect(404);
      await t.http().patch(`/api/unions/${b.id}/vouchers/${v.id}`).send({ attachmentCount: 2 }).expect(404);
      await t.http().post(`/api/unions/${b.id}/vouchers/${v.id}/post`).expect(404);
      await t.http().delete(`/api/unions/${b.id}/vouchers/${v.id}`).expect(404);
      await t.http().post(`/api/unions/${b.id}/vouchers/${v.id}/reverse`).send({}).expect(404);
      expect((await t.http().get(`/api/unions/${b.id}/vouchers`).expect(200)).body.total).toBe(0);
      expect((await t.http().get(`/api/unions/${a.id}/vouchers/${v.id}`).expect(200)).body.status).toBe('draft');
    });
  });
  describe('group commit', () => {
    /** Makes the database refuse every draft of the given union, as a period closed meanwhile would. */
    async function refuseDraftsOf(unionId: string): Promise<() => Promise<void>> {
      await t.sql.query(`CREATE TABLE test_refused_unions (union_id uuid PRIMARY KEY)`);
      await t.sql.query(`INSERT INTO test_refused_unions VALUES ($1)`, [unionId]);
      await t.sql.query(`GRANT SELECT ON test_refused_unions TO ledger_service`); // the app's role reads it in the trigger
      await t.sql.query(`
        CREATE FUNCTION test_refuse_draft() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM test_refused_unions r WHERE r.union_id = NEW.union_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'UL001', MESSAGE = 'refused by the test';
          END IF;
          RETURN NEW;
        END $$`);
      await t.sql.query(`CREATE TRIGGER test_refuse_draft BEFORE INSERT ON voucher_drafts FOR EACH ROW EXECUTE FUNCTION test_refuse_draft()`);
      return async () => {
        await t.sql.query(`DROP TRIGGER test_refuse_draft ON voucher_drafts`);
        await t.sql.query(`DROP FUNCTION test_refuse_draft()`);
        await t.sql.query(`DROP TABLE test_refused_unions`);
      };
    }

    it('saves and posts concurrent vouchers of several unions together; a draft the database refuses fails alone', async () => {
      const unions = [(await newUnion(t)).id, (await newUnion(t)).id, (await newUnion(t)).id];
      const [a, b, refused] = unions;
      const restore = await refuseDraftsOf(refused);
      let saved: Awaited<ReturnType<ReturnType<typeof t.http>['post']>>[] = [];
      try {
        saved = await Promise.all(
          Array.from({ length: 45 }, (_, i) =>
            t
              .http()
              .post(`/api/unions/${unions[i % 3]}/vouchers`)
              .send({ date: '2026-04-10', lines: lines({ account: '10201', debit: `${i + 1}.00` }, { account: '402', credit: `${i + 1}.00` }) }),
          ),
        );
      } finally {
        await restore();
      }
      const ofUnion = (u: string) => saved.filter((_, i) => unions[i % 3] === u);
      expect(ofUnion(refused).map((r) => r.body.code)).toEqual(Array(15).fill('PERIOD_CLOSED'));
      expect([...ofUnion(a), ...ofUnion(b)].map((r) => r.status)).toEqual(Array(30).fill(201));

      const posted = await Promise.all(
        saved.flatMap((r, i) => (r.status === 201 ? [t.reviewer().post(`/api/unions/${unions[i % 3]}/vouchers/${r.body.id}/post`)] : [])),
      );
      expect(posted.map((r) => r.status)).toEqual(Array(30).fill(200));
      for (const u of [a, b]) {
        const numbers = await t.sql.query(`SELECT number FROM vouchers WHERE union_id = $1 ORDER BY number`, [u]);
        expect(numbers.rows.map((r) => r.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
        const report = (await t.reviewer().get(`/api/unions/${u}/integrity`).expect(200)).body;
        expect(report).toMatchObject({ ok: true, audit: { ok: true }, records: { ok: true, mismatches: [] }, balances: { ok: true } });
        const chained = await t.sql.query(`SELECT count(*)::int AS n FROM chain_records WHERE union_id = $1 AND kind = 'vouchers'`, [u]);
        expect(chained.rows[0].n).toBe(15);
      }
      const created = await t.sql.query(
        `SELECT union_id, count(*)::int AS n FROM audit_log WHERE action = 'voucher.create' AND union_id = ANY($1) GROUP BY union_id`,
        [unions],
      );
      expect(Object.fromEntries(created.rows.map((r) => [r.union_id, r.n]))).toEqual({ [a]: 15, [b]: 15 });
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM voucher_drafts WHERE union_id = $1`, [refused])).rows[0].n).toBe(0);
    });
  });
});

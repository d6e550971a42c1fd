import { LedgerClock } from '../../src/ledger/ledger.clock';
import { newCenter, newUnion, postVoucher, reverseVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** 期末结转 at month end: what it posts, and the rules around it (idempotent, in order, reopen, guarded accounts). */
describe('closing entries (期末结转)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const close = (u: string, p: string, body: Record<string, unknown> = {}) => t.http().post(`/api/unions/${u}/periods/${p}/close`).send(body);
  const reopen = (u: string, p: string, reason = '更正') => t.reviewer().post(`/api/unions/${u}/periods/${p}/reopen`).send({ reason });
  const tb = async (u: string, from: string, to = from) => (await t.http().get(`/api/unions/${u}/trial-balance?from=${from}&to=${to}&includeZero=true`).expect(200)).body;
  const closingOf = (body: { rows: { code: string; closingDebit: string; closingCredit: string }[] }, code: string) => {
    const r = body.rows.find((x) => x.code === code)!;
    return r.closingDebit !== '0.00' ? r.closingDebit : r.closingCredit === '0.00' ? '0.00' : `-${r.closingCredit}`;
  };
  const linesOf = async (u: string, id: string) =>
    (await t.http().get(`/api/unions/${u}/vouchers/${id}`).expect(200)).body.lines.map(
      (l: { account: string; debit: string | null; credit: string | null; project: string | null }) =>
        `${l.debit ? 'Dr' : 'Cr'} ${l.account}${l.project ? `(${l.project})` : ''} ${l.debit ?? l.credit}`,
    );

  async function unionWithActivity(firstPeriod = '2026-01') {
    const u = await newUnion(t, { firstPeriod });
    await t.http().post(`/api/unions/${u.id}/projects`).send({ code: 'P1', name: '困难职工帮扶' }).expect(201);
    const y = firstPeriod.slice(0, 4);
    await postVoucher(t, u.id, `${y}-01-05`, [{ account: '10201', debit: '30000.00' }, { account: '402', credit: '30000.00' }]);
    await postVoucher(t, u.id, `${y}-01-06`, [{ account: '101', debit: '1200.00' }, { account: '401', credit: '1200.00' }]);
    await postVoucher(t, u.id, `${y}-01-07`, [{ account: '10201', debit: '5000.00' }, { account: '40302', credit: '5000.00', project: 'P1' }]);
    await postVoucher(t, u.id, `${y}-01-20`, [{ account: '50105', debit: '6000.00' }, { account: '10201', credit: '6000.00' }]);
    await postVoucher(t, u.id, `${y}-01-25`, [{ account: '50404', debit: '1800.00', project: 'P1', fundType: 'restricted' }, { account: '10201', credit: '1800.00' }]);
    return u;
  }

  it('empties income and expense into 32103 per project and 32203, in a closing voucher numbered like any other', async () => {
    const u = await unionWithActivity();
    const res = await close(u.id, '2026-01').expect(200);
    expect(res.body).toMatchObject({ status: 'closed', posted: 6 });
    expect(res.body.closingVouchers).toEqual([{ id: expect.any(String), displayNumber: '记-202601-0006', kind: 'period-end' }]);
    expect(await linesOf(u.id, res.body.closingVouchers[0].id)).toEqual([
      'Dr 40302(P1) 5000.00',
      'Cr 32103(P1) 5000.00',
      'Dr 401 1200.00',
      'Dr 402 30000.00',
      'Cr 32203 31200.00',
      'Cr 50404(P1) 1800.00',
      'Dr 32103(P1) 1800.00',
      'Cr 50105 6000.00',
      'Dr 32203 6000.00',
    ]);
    const v = (await t.http().get(`/api/unions/${u.id}/vouchers/${res.body.closingVouchers[0].id}`).expect(200)).body;
    expect(v).toMatchObject({ source: 'closing', attachmentCount: 0, date: '2026-01-31' });
    const body = await tb(u.id, '2026-01');
    for (const code of ['401', '402', '403', '501', '504']) expect([code, closingOf(body, code)]).toEqual([code, '0.00']);
    expect(closingOf(body, '32103')).toBe('-3200.00');
    expect(closingOf(body, '32203')).toBe('-25200.00');
    expect(body.balanced).toBe(true);
  });

  it('is idempotent: closing a closed month changes nothing', async () => {
    const u = await unionWithActivity();
    await close(u.id, '2026-01').expect(200);
    const count = async () => (await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u.id])).rows[0].n;
    const before = await count();
    const again = await close(u.id, '2026-01').expect(200);
    expect(again.body).toMatchObject({ status: 'closed', alreadyClosed: true, closingVouchers: [] });
    expect(await count()).toBe(before);
  });

  it('is refused with drafts, with an earlier month open, and for a month not yet over', async () => {
    const u = await unionWithActivity();
    await postVoucher(t, u.id, '2026-02-03', [{ account: '10201', debit: '1.00' }, { account: '402', credit: '1.00' }], { post: false });
    expect((await close(u.id, '2026-02').expect(409)).body).toMatchObject({ code: 'PERIOD_EARLIER_OPEN', details: { openPeriod: '2026-01' } });
    await close(u.id, '2026-01').expect(200);
    expect((await close(u.id, '2026-02').expect(409)).body).toMatchObject({ code: 'PERIOD_HAS_DRAFTS', details: { drafts: 1 } });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1 AND period = 202602`, [u.id]);
    expect(rows[0].n).toBe(0);
  });

  it('closes a month only after its last day is over (China time): never on the last day itself', async () => {
    const u = await unionWithActivity();
    const clock = t.app.get(LedgerClock);
    jest.spyOn(clock, 'today').mockReturnValue('2026-01-31');
    expect((await close(u.id, '2026-01').expect(409)).body).toMatchObject({ code: 'PERIOD_NOT_ENDED', details: { lastDay: '2026-01-31' } });
    jest.spyOn(clock, 'today').mockReturnValue('2026-02-01');
    await close(u.id, '2026-01').expect(200);
    // February 2026 has 28 days
    jest.spyOn(clock, 'today').mockReturnValue('2026-02-28');
    expect((await close(u.id, '2026-02').expect(409)).body.code).toBe('PERIOD_NOT_ENDED');
  });

  it('reopening reverses the closing voucher, closing again makes it anew, numbering stays gapless', async () => {
    const u = await unionWithActivity();
    const first = (await close(u.id, '2026-01').expect(200)).body.closingVouchers[0];
    const reopened = await reopen(u.id, '2026-01', '补记一笔会费').expect(200);
    expect(reopened.body.closingVouchers).toEqual([{ id: expect.any(String), displayNumber: '记-202601-0007', kind: 'reversal' }]);
    expect(closingOf(await tb(u.id, '2026-01'), '402')).toBe('-30000.00');
    await postVoucher(t, u.id, '2026-01-30', [{ account: '101', debit: '100.00' }, { account: '401', credit: '100.00' }]);
    const again = (await close(u.id, '2026-01').expect(200)).body.closingVouchers;
    expect(again).toEqual([{ id: expect.any(String), displayNumber: '记-202601-0009', kind: 'period-end' }]);
    expect(again[0].id).not.toBe(first.id);
    const body = await tb(u.id, '2026-01');
    expect(closingOf(body, '401')).toBe('0.00');
    expect(closingOf(body, '32203')).toBe('-25300.00');
    const { rows } = await t.sql.query(
      `SELECT array_agg(number ORDER BY number) AS numbers, count(*) FILTER (WHERE source = 'closing')::int AS closing
         FROM vouchers WHERE union_id = $1 AND period = 202601`,
      [u.id],
    );
    expect(rows[0]).toEqual({ numbers: [1, 2, 3, 4, 5, 6, 7, 8, 9], closing: 3 });
  });

  it('with the center closing yearly, months close without closing vouchers and December closes the whole year', async () => {
    const center = await newCenter(t);
    await t.reviewer().put(`/api/centers/${center.id}/books-settings`).send({ closingMode: 'yearly', budgetControl: 'off' }).expect(200);
    const u = await newUnion(t, { centerId: center.id, firstPeriod: '2025-11' });
    await postVoucher(t, u.id, '2025-11-05', [{ account: '10201', debit: '800.00' }, { account: '402', credit: '800.00' }]);
    await postVoucher(t, u.id, '2025-12-05', [{ account: '10201', debit: '200.00' }, { account: '402', credit: '200.00' }]);
    expect((await close(u.id, '2025-11').expect(200)).body.closingVouchers).toEqual([]);
    const dec = (await close(u.id, '2025-12').expect(200)).body.closingVouchers;
    expect(dec.map((v: { kind: string }) => v.kind)).toEqual(['period-end', 'surplus']);
    expect(await linesOf(u.id, dec[0].id)).toEqual(['Dr 402 1000.00', 'Cr 32203 1000.00']);
    expect(await linesOf(u.id, dec[1].id)).toEqual(['Dr 32203 1000.00', 'Cr 32205 1000.00']);
  });

  it('keeps the accounts closing owns for closing: through the API and through plain SQL', async () => {
    const u = await newUnion(t);
    const manual = await t
      .http()
      .post(`/api/unions/${u.id}/vouchers`)
      .send({ date: '2026-01-05', lines: [{ summary: 'x', account: '32205', debit: '5.00' }, { summary: 'x', account: '32203', credit: '5.00' }] })
      .expect(422);
    expect(manual.body.code).toBe('ACCOUNT_RESERVED_FOR_CLOSING');
    const adjustment = await t
      .http()
      .post(`/api/unions/${u.id}/vouchers`)
      .send({ date: '2026-01-05', lines: [{ summary: 'x', account: '10201', debit: '5.00' }, { summary: 'x', account: '32201', credit: '5.00' }] })
      .expect(422);
    expect(adjustment.body.code).toBe('ACCOUNT_RESERVED_FOR_CLOSING');
    // a prior-year correction may, and may not touch income or expense
    await t
      .http()
      .post(`/api/unions/${u.id}/vouchers`)
      .send({ date: '2026-01-05', priorYearCorrection: true, lines: [{ summary: '补记上年会费', account: '10201', debit: '5.00' }, { summary: '补记上年会费', account: '32201', credit: '5.00' }] })
      .expect(201);
    const viaIncome = await t
      .http()
      .post(`/api/unions/${u.id}/vouchers`)
      .send({ date: '2026-01-05', priorYearCorrection: true, lines: [{ summary: 'x', account: '10201', debit: '5.00' }, { summary: 'x', account: '401', credit: '5.00' }] })
      .expect(422);
    expect(viaIncome.body.code).toBe('CORRECTION_THROUGH_ADJUSTMENT');
    await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '32103', code: '3210301', name: '子目' }).expect(422);

    const c = await t.sql.connect();
    try {
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, number, preparer, posted_by, source)
         VALUES ($1, '01900000-0000-7000-8000-0000000000c1', '2026-01-09', 202601, 'general', 1, 'sql', 'sql', 'manual')`,
        [u.id],
      );
      const err = await c
        .query(
          `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
           VALUES ($1, '01900000-0000-7000-8000-0000000000c1', 1, '2026-01-09', 'x', '32205', 5, 0),
                  ($1, '01900000-0000-7000-8000-0000000000c1', 2, '2026-01-09', 'x', '32104', 0, 5)`,
          [u.id],
        )
        .then(() => 'OK', (e: { code: string }) => e.code);
      expect(err).toBe('UL060');
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('files 40302 as restricted with its project and 40301 as unrestricted, whatever the line says', async () => {
    const u = await newUnion(t);
    const save = (line: Record<string, string>) =>
      t.http().post(`/api/unions/${u.id}/vouchers`).send({ date: '2026-01-05', lines: [{ summary: 'x', account: '10201', debit: '5.00' }, { summary: 'x', credit: '5.00', ...line }] });
    expect((await save({ account: '40302' }).expect(422)).body.code).toBe('PROJECT_REQUIRED');
    expect((await save({ account: '40301', fundType: 'restricted' }).expect(422)).body.code).toBe('FUND_TYPE_INVALID');
    await t.http().post(`/api/unions/${u.id}/projects`).send({ code: 'P7', name: '专项' }).expect(201);
    const saved = (await save({ account: '40302', project: 'P7' }).expect(201)).body;
    expect(saved.lines[1]).toMatchObject({ account: '40302', project: 'P7', fundType: 'restricted' });
  });

  it('a red-ink reversal dated in a later year lands in 年初余额调整 and leaves the new year’s income and expense alone', async () => {
    const u = await newUnion(t, { firstPeriod: '2025-12' });
    await t.http().post(`/api/unions/${u.id}/projects`).send({ code: 'P1', name: '困难职工帮扶' }).expect(201);
    const dues = await postVoucher(t, u.id, '2025-12-05', [{ account: '10201', debit: '800.00' }, { account: '401', credit: '800.00' }]);
    const relief = await postVoucher(t, u.id, '2025-12-10', [{ account: '50404', debit: '300.00', project: 'P1', fundType: 'restricted' }, { account: '10201', credit: '300.00' }]);
    await close(u.id, '2025-12').expect(200);
    // the relief first: reversing the dues takes back money the relief had spent
    const r2 = await reverseVoucher(t, u.id, relief.id, '2026-01-10');
    const r1 = await reverseVoucher(t, u.id, dues.id, '2026-01-12');
    expect(r1).toMatchObject({ source: 'correction', red: true });
    expect(await linesOf(u.id, r1.id)).toEqual(['Dr 10201 -800.00', 'Cr 32201 -800.00']);
    expect(await linesOf(u.id, r2.id)).toEqual(['Dr 32101(P1) -300.00', 'Cr 10201 -300.00']);
    // the new year's 02表: no income, no expense, the corrections on 资金结转结余调整及变动
    const is = (await t.http().get(`/api/unions/${u.id}/statements/income-expenditure?period=2026-01`).expect(200)).body;
    const v = Object.fromEntries(is.lines.map((l: { key: string; values: string[] }) => [l.key, l.values]));
    expect(v.totalIncome).toEqual(['0.00', '0.00']);
    expect(v.totalExpense).toEqual(['0.00', '0.00']);
    expect(v.adjustments).toEqual(['-500.00', '-500.00']);
    const jan = await tb(u.id, '2026-01');
    for (const code of ['401', '504']) expect([code, closingOf(jan, code)]).toEqual([code, '0.00']);
    expect(closingOf(jan, '32201')).toBe('800.00');
    expect(closingOf(jan, '32101')).toBe('-300.00');
    const bs = (await t.http().get(`/api/unions/${u.id}/statements/balance-sheet?period=2026-01`).expect(200)).body;
    expect(bs.balanced).toBe(true);
  });

  it('takes opening balances of 321 sub-accounts per project, and closes them per project at year end', async () => {
    const u = await newUnion(t, { firstPeriod: '2025-12' });
    for (const code of ['P1', 'P2']) await t.http().post(`/api/unions/${u.id}/projects`).send({ code, name: code }).expect(201);
    await t
      .http()
      .post(`/api/unions/${u.id}/opening-balances`)
      .send({
        lines: [
          { account: '10201', debit: '1000.00' },
          { account: '32104', credit: '600.00', project: 'P1' },
          { account: '32104', credit: '300.00', project: 'P2' },
          { account: '32205', credit: '100.00' },
        ],
      })
      .expect(200);
    const res = await close(u.id, '2025-12', { finishedProjects: [{ project: 'P2' }] }).expect(200);
    expect(res.body.closingVouchers.map((v: { kind: string }) => v.kind)).toEqual(['finished-projects', 'surplus']);
    expect(await linesOf(u.id, res.body.closingVouchers[0].id)).toEqual(['Dr 32104(P2) 300.00', 'Cr 32204 300.00']);
    expect(await linesOf(u.id, res.body.closingVouchers[1].id)).toEqual(['Dr 32204 300.00', 'Cr 32205 300.00']);
  });

  it('closes a whole center at once and says why the others did not close', async () => {
    const center = await newCenter(t);
    const ready = await newUnion(t, { centerId: center.id });
    const drafts = await newUnion(t, { centerId: center.id });
    const done = await newUnion(t, { centerId: center.id });
    await postVoucher(t, ready.id, '2026-01-05', [{ account: '10201', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    await postVoucher(t, drafts.id, '2026-01-05', [{ account: '10201', debit: '10.00' }, { account: '402', credit: '10.00' }], { post: false });
    await close(done.id, '2026-01').expect(200);
    const res = await t.http().post(`/api/centers/${center.id}/periods/2026-01/close`).send({}).expect(200);
    expect(res.body).toMatchObject({ period: '2026-01', unions: 3 });
    expect(res.body.closed.map((x: { unionId: string }) => x.unionId)).toEqual([ready.id]);
    expect(res.body.closed[0].result.closingVouchers).toHaveLength(1);
    expect(res.body.alreadyClosed.map((x: { unionId: string }) => x.unionId)).toEqual([done.id]);
    expect(res.body.refused).toEqual([
      expect.objectContaining({ unionId: drafts.id, reasons: [expect.objectContaining({ code: 'PERIOD_HAS_DRAFTS', details: { drafts: 1 } })] }),
    ]);
    // February, with January still open for one of them: every reason at once
    const feb = await t.http().post(`/api/centers/${center.id}/periods/2026-02/close`).send({ unionIds: [drafts.id] }).expect(200);
    expect(feb.body.refused[0].reasons.map((r: { code: string }) => r.code)).toEqual(['PERIOD_EARLIER_OPEN']);
  });

  it('the integrity check recomputes the totals kept at posting, and finds them edited', async () => {
    const u = await unionWithActivity();
    await close(u.id, '2026-01').expect(200);
    const clean = (await t.reviewer().get(`/api/unions/${u.id}/integrity`).expect(200)).body;
    expect(clean).toMatchObject({ ok: true, totals: { ok: true, mismatches: [] } });
    const { rows } = await t.sql.query(
      `SELECT debit::text, credit::text, closing_debit::text AS "closingDebit", closing_credit::text AS "closingCredit", lines
         FROM account_period_totals WHERE union_id = $1 AND account_code = '402' AND period = 202601`,
      [u.id],
    );
    expect(rows).toEqual([{ debit: '30000.00', credit: '30000.00', closingDebit: '30000.00', closingCredit: '0.00', lines: 2 }]);
    await t.sql.query(`UPDATE account_period_totals SET credit = credit + 1 WHERE union_id = $1 AND account_code = '402'`, [u.id]);
    await t.sql.query(`UPDATE account_voucher_counts SET vouchers = vouchers + 1 WHERE union_id = $1 AND account_code = '102'`, [u.id]);
    const broken = (await t.reviewer().get(`/api/unions/${u.id}/integrity`).expect(200)).body;
    expect(broken.ok).toBe(false);
    expect(broken.totals.mismatches).toEqual([
      { table: 'account_period_totals', account: '402', period: 202601, project: null, fundType: 'unrestricted' },
      { table: 'account_voucher_counts', account: '102', period: 202601, project: null, fundType: null },
    ]);
  });

  describe('the year (结转下年)', () => {
    async function closedYear() {
      const u = await newUnion(t, { firstPeriod: '2025-11' });
      await t.http().post(`/api/unions/${u.id}/projects`).send({ code: 'P1', name: '项目' }).expect(201);
      await postVoucher(t, u.id, '2025-11-05', [{ account: '10201', debit: '800.00' }, { account: '402', credit: '800.00' }]);
      await postVoucher(t, u.id, '2025-12-05', [{ account: '10201', debit: '300.00' }, { account: '40302', credit: '300.00', project: 'P1' }]);
      await close(u.id, '2025-11').expect(200);
      await close(u.id, '2025-12').expect(200);
      return u;
    }

    it('closes once every month is closed, freezes the statements, and stays closed to changes', async () => {
      const u = await newUnion(t, { firstPeriod: '2025-11' });
      await close(u.id, '2025-11').expect(200);
      expect((await t.http().post(`/api/unions/${u.id}/years/2025/close`).expect(409)).body).toMatchObject({ code: 'YEAR_NOT_READY', details: { openPeriod: '2025-12' } });

      const y = await closedYear();
      const res = await t.http().post(`/api/unions/${y.id}/years/2025/close`).expect(200);
      expect(res.body).toMatchObject({ year: 2025, status: 'closed', closedBy: 'bookkeeper' });
      // November and December, two statements each, and December's annual pair
      expect(res.body.frozenStatements).toHaveLength(6);
      expect((await t.http().post(`/api/unions/${y.id}/years/2025/close`).expect(200)).body.alreadyClosed).toBe(true);
      const bs = await t.http().get(`/api/unions/${y.id}/statements/balance-sheet?year=2025`).expect(200);
      expect(bs.body).toMatchObject({ frozen: true, closed: true, balanced: true });
      // next year's openings follow: January opens with December's balances
      const jan = (await t.http().get(`/api/unions/${y.id}/statements/balance-sheet?period=2026-01`).expect(200)).body;
      const dec = bs.body.lines.find((l: { key: string }) => l.key === 'unionCarryForward').values[1];
      expect(jan.lines.find((l: { key: string }) => l.key === 'unionCarryForward').values[0]).toBe(dec);
      expect(dec).toBe('300.00');
      // a month of a closed year reopens only with the year
      expect((await reopen(y.id, '2025-12').expect(409)).body.code).toBe('YEAR_CLOSED');
      const report = (await t.reviewer().get(`/api/unions/${y.id}/integrity`).expect(200)).body;
      expect(report.statements).toEqual({ ok: true, frozen: 6, broken: [] });
    });

    it('reopening the year (director, with a reason) reopens December and redoes its closing', async () => {
      const y = await closedYear();
      await t.http().post(`/api/unions/${y.id}/years/2025/close`).expect(200);
      const accountant = await t.userWith([{ role: 'accountant', centerId: y.centerId }], 'accountant');
      await accountant.http().post(`/api/unions/${y.id}/years/2025/reopen`).send({ reason: '补记' }).expect(403);
      const reopened = await t.reviewer().post(`/api/unions/${y.id}/years/2025/reopen`).send({ reason: '补记十二月会费' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'open', events: [expect.objectContaining({ action: 'close' }), expect.objectContaining({ action: 'reopen', reason: '补记十二月会费' })] });
      expect((await t.http().get(`/api/unions/${y.id}/periods/2025-12`).expect(200)).body.status).toBe('open');
      const bs = (await t.http().get(`/api/unions/${y.id}/statements/balance-sheet?year=2025`).expect(200)).body;
      expect(bs).toMatchObject({ frozen: false, closed: false });
      await postVoucher(t, y.id, '2025-12-30', [{ account: '101', debit: '50.00' }, { account: '401', credit: '50.00' }]);
      await close(y.id, '2025-12', { finishedProjects: [{ project: 'P1' }] }).expect(200);
      const again = await t.http().post(`/api/unions/${y.id}/years/2025/close`).expect(200);
      expect(again.body.frozenStatements[0].version).toBe(2);
      const v = (await t.http().get(`/api/unions/${y.id}/statements/balance-sheet?year=2025`).expect(200)).body;
      const line = (key: string) => v.lines.find((l: { key: string }) => l.key === key).values[1];
      expect([line('unionCarryForward'), line('unionSurplus')]).toEqual(['0.00', '1150.00']);
    });

    it('reopens a year only while no later month is closed, and finds a frozen statement edited behind its back', async () => {
      const y = await closedYear();
      await t.http().post(`/api/unions/${y.id}/years/2025/close`).expect(200);
      await close(y.id, '2026-01').expect(200);
      expect((await t.reviewer().post(`/api/unions/${y.id}/years/2025/reopen`).send({ reason: 'x' }).expect(409)).body).toMatchObject({
        code: 'YEAR_LATER_ACTIVE',
        details: { closedPeriod: '2026-01' },
      });
      const c = await t.sql.connect();
      try {
        await c.query(`SET session_replication_role = replica`);
        await c.query(`UPDATE statement_freezes SET signers = '{"legalRepresentative": "冒名"}' WHERE union_id = $1 AND kind = 'balance-sheet:annual'`, [y.id]);
      } finally {
        await c.query(`RESET session_replication_role`);
        c.release();
      }
      const report = (await t.reviewer().get(`/api/unions/${y.id}/integrity`).expect(200)).body;
      expect(report.ok).toBe(false);
      expect(report.statements.broken).toEqual([{ year: 2025, version: 1, period: 202512, kind: 'balance-sheet:annual', problem: 'content-altered' }]);
    });
  });
});

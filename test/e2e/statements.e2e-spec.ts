import Decimal from 'decimal.js';
import { newCenter, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * 工会01表 / 02表 against figures worked out by hand:
 *
 *   期初 2026-01  10201 借 50,000   101 借 2,000   162 借 3,000 / 30104 贷 3,000   32205 贷 52,000
 *   01-05  借 10201 30,000 / 贷 402 30,000              拨缴经费
 *   01-20  借 50105  6,000 / 贷 10201 6,000             节日慰问
 *   01-25  借 10201  5,000 / 贷 40302 5,000 (P1)        专项补助
 *   02-05  借 101    1,200 / 贷 401 1,200               会费
 *   02-15  借 50404  1,800 (P1 专项) / 贷 10201 1,800    困难帮扶
 */
describe('statements (工会01表 / 工会02表)', () => {
  let t: TestApp;
  let center: string;
  let u: string;

  beforeAll(async () => {
    t = await startTestApp();
    center = (await newCenter(t)).id;
    u = (await newUnion(t, { centerId: center, firstPeriod: '2026-01' })).id;
    await t.http().post(`/api/unions/${u}/projects`).send({ code: 'P1', name: '困难职工帮扶' }).expect(201);
    await t
      .http()
      .post(`/api/unions/${u}/opening-balances`)
      .send({
        lines: [
          { account: '10201', debit: '50000.00' },
          { account: '101', debit: '2000.00' },
          { account: '162', debit: '3000.00' },
          { account: '30104', credit: '3000.00' },
          { account: '32205', credit: '52000.00' },
        ],
      })
      .expect(200);
    const p = (date: string, dr: Record<string, string>, cr: Record<string, string>, amount: string) =>
      postVoucher(t, u, date, [{ ...dr, debit: amount } as never, { ...cr, credit: amount } as never]);
    await p('2026-01-05', { account: '10201' }, { account: '402' }, '30000.00');
    await p('2026-01-20', { account: '50105' }, { account: '10201' }, '6000.00');
    await p('2026-01-25', { account: '10201' }, { account: '40302', project: 'P1' }, '5000.00');
    await p('2026-02-05', { account: '101' }, { account: '401' }, '1200.00');
    await p('2026-02-15', { account: '50404', project: 'P1', fundType: 'restricted' }, { account: '10201' }, '1800.00');
  });
  afterAll(() => t.close());

  const get = async (path: string) => (await t.http().get(path).expect(200)).body;
  const values = (body: { lines: { key: string; values: string[] }[] }) => Object.fromEntries(body.lines.map((l) => [l.key, l.values]));

  it('01表 at January end: the unclosed result shown where closing will put it, the same before and after closing', async () => {
    const before = await get(`/api/unions/${u}/statements/balance-sheet?period=2026-01`);
    expect(before).toMatchObject({ code: '工会01表', title: '资产负债表', period: '2026-01', year: 2026, annual: false, unit: '元', columns: ['年初余额', '期末余额'], balanced: true, closed: false });
    const v = values(before);
    expect(v.cash).toEqual(['52000.00', '81000.00']);
    expect(v.fixedAssetsCost).toEqual(['3000.00', '3000.00']);
    expect(v.accumulatedDepreciation).toEqual(['0.00', '0.00']);
    expect(v.fixedAssetsNet).toEqual(['3000.00', '3000.00']);
    expect(v.totalAssets).toEqual(['55000.00', '84000.00']);
    expect(v.assetFund).toEqual(['3000.00', '3000.00']);
    expect(v.unionCarryForward).toEqual(['0.00', '5000.00']);
    expect(v.unionSurplus).toEqual(['52000.00', '76000.00']);
    expect(v.totalNetAssets).toEqual(['55000.00', '84000.00']);
    expect(v.totalLiabilitiesAndNetAssets).toEqual(['55000.00', '84000.00']);
    expect(before.lines.map((l: { no: number }) => l.no)).toEqual(before.lines.map((_: unknown, i: number) => i + 1));

    await t.http().post(`/api/unions/${u}/periods/2026-01/close`).expect(200);
    const after = await get(`/api/unions/${u}/statements/balance-sheet?period=2026-01`);
    expect(after).toMatchObject({ closed: true, balanced: true });
    expect(after.lines).toEqual(before.lines);
  });

  it('02表 monthly: 本月数 and 本年累计数, closing entries left out', async () => {
    const jan = values(await get(`/api/unions/${u}/statements/income-expenditure?period=2026-01`));
    expect(jan.allocated).toEqual(['30000.00', '30000.00']);
    expect(jan.upperSubsidy).toEqual(['5000.00', '5000.00']);
    expect(jan.totalIncome).toEqual(['35000.00', '35000.00']);
    expect(jan.memberActivities).toEqual(['6000.00', '6000.00']);
    expect(jan.totalExpense).toEqual(['6000.00', '6000.00']);
    expect(jan.result).toEqual(['29000.00', '29000.00']);
    const feb = await get(`/api/unions/${u}/statements/income-expenditure?period=2026-02`);
    expect(feb).toMatchObject({ code: '工会02表', columns: ['本月数', '本年累计数'], balanced: null });
    expect(feb.lines.map((l: { key: string }) => l.key)).not.toContain('openingFunds');
    const f = values(feb);
    expect(f.dues).toEqual(['1200.00', '1200.00']);
    expect(f.rightsProtection).toEqual(['1800.00', '1800.00']);
    expect(f.totalIncome).toEqual(['1200.00', '36200.00']);
    expect(f.totalExpense).toEqual(['1800.00', '7800.00']);
    expect(f.result).toEqual(['-600.00', '28400.00']);
    expect(f.adjustments).toEqual(['0.00', '0.00']);
  });

  it('01表 at February end balances with January closed and February not', async () => {
    const v = values(await get(`/api/unions/${u}/statements/balance-sheet?period=2026-02`));
    expect(v.cash).toEqual(['52000.00', '80400.00']);
    expect(v.unionCarryForward).toEqual(['0.00', '3200.00']);
    expect(v.unionSurplus).toEqual(['52000.00', '77200.00']);
    expect(v.totalAssets).toEqual(['55000.00', '83400.00']);
    expect(v.totalLiabilitiesAndNetAssets).toEqual(['55000.00', '83400.00']);
  });

  it('annual statements: 年末余额, 本年数 and 上年数, the 年初/年末资金结转结余 lines; no 零余额账户 line', async () => {
    const bs = await get(`/api/unions/${u}/statements/balance-sheet?year=2026`);
    expect(bs).toMatchObject({ period: null, year: 2026, annual: true, columns: ['年初余额', '年末余额'], balanced: true });
    expect(bs.lines.map((l: { key: string }) => l.key)).not.toContain('zeroBalanceQuota');
    const is = await get(`/api/unions/${u}/statements/income-expenditure?year=2026`);
    expect(is.columns).toEqual(['本年数', '上年数']);
    const v = values(is);
    expect(v.openingFunds).toEqual(['52000.00', '0.00']);
    expect(v.openingCarryForward).toEqual(['0.00', '0.00']);
    expect(v.openingSurplus).toEqual(['52000.00', '0.00']);
    expect(v.totalIncome).toEqual(['36200.00', '0.00']);
    expect(v.result).toEqual(['28400.00', '0.00']);
    expect(v.closingCarryForward).toEqual(['3200.00', '0.00']);
    expect(v.closingSurplus).toEqual(['77200.00', '0.00']);
    expect(v.closingFunds).toEqual(['80400.00', '0.00']);
  });

  it('carries the three signers kept per union, and refuses a period before the books or both period and year', async () => {
    await t
      .reviewer()
      .put(`/api/unions/${u}/statement-signers`)
      .send({ legalRepresentative: '张主席', accountingHead: '李主管', accountingBodyHead: '王会计' })
      .expect(200);
    const bs = await get(`/api/unions/${u}/statements/balance-sheet?period=2026-02`);
    expect(bs.signatures).toEqual({ legalRepresentative: '张主席', accountingHead: '李主管', accountingBodyHead: '王会计' });
    expect(bs.entity).toMatch(/^工会 /);
    expect((await t.http().get(`/api/unions/${u}/statements/balance-sheet?period=2025-12`).expect(422)).body.code).toBe('PERIOD_BEFORE_START');
    expect((await t.http().get(`/api/unions/${u}/statements/balance-sheet?period=2026-01&year=2026`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get(`/api/unions/${u}/statements/balance-sheet`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const clerk = await t.userWith([{ role: 'clerk', unionId: u }], 'clerk');
    await clerk.http().get(`/api/unions/${u}/statements/balance-sheet?period=2026-01`).expect(403);
  });

  it('consolidates a center: the sum of its unions, with the unions not closed', async () => {
    const other = (await newUnion(t, { centerId: center, firstPeriod: '2026-01' })).id;
    await postVoucher(t, other, '2026-01-08', [{ account: '10201', debit: '700.00' }, { account: '402', credit: '700.00' }]);
    const one = values(await get(`/api/unions/${u}/statements/balance-sheet?period=2026-01`));
    const two = values(await get(`/api/unions/${other}/statements/balance-sheet?period=2026-01`));
    const all = await get(`/api/centers/${center}/statements/balance-sheet?period=2026-01`);
    expect(all).toMatchObject({ unions: 2, balanced: true, notBalanced: [], closed: false });
    expect(all.notClosed.map((x: { unionId: string }) => x.unionId)).toEqual([other]);
    for (const l of all.lines as { key: string; values: string[] }[]) {
      expect([l.key, l.values]).toEqual([l.key, one[l.key].map((x: string, i: number) => (Number(x) + Number(two[l.key][i])).toFixed(2))]);
    }
    const only = await get(`/api/centers/${center}/statements/income-expenditure?period=2026-01&unionIds=${other}`);
    expect(only.unions).toBe(1);
    expect(values(only).allocated).toEqual(['700.00', '700.00']);
  });

  it('consolidates open months from the summed books: opening balances, a union that began mid-year, both statements, month and year', async () => {
    const c = (await newCenter(t)).id;
    const early = (await newUnion(t, { centerId: c, firstPeriod: '2026-01' })).id;
    const late = (await newUnion(t, { centerId: c, firstPeriod: '2026-03' })).id;
    await t.http().post(`/api/unions/${late}/projects`).send({ code: 'P1', name: '困难职工帮扶' }).expect(201);
    const openings = { lines: [{ account: '10201', debit: '9000.00' }, { account: '162', debit: '500.00' }, { account: '30104', credit: '500.00' }, { account: '32205', credit: '9000.00' }] };
    await t.http().post(`/api/unions/${early}/opening-balances`).send(openings).expect(200);
    await t.http().post(`/api/unions/${late}/opening-balances`).send(openings).expect(200);
    await postVoucher(t, early, '2026-01-10', [{ account: '10201', debit: '300.00' }, { account: '402', credit: '300.00' }]);
    await postVoucher(t, early, '2026-04-10', [{ account: '50105', debit: '120.50' }, { account: '10201', credit: '120.50' }]);
    await postVoucher(t, late, '2026-03-02', [{ account: '10201', debit: '2000.00' }, { account: '40302', project: 'P1', credit: '2000.00' }]);
    await postVoucher(t, late, '2026-04-20', [{ account: '50404', project: 'P1', fundType: 'restricted', debit: '800.00' }, { account: '10201', credit: '800.00' }]);
    for (const q of ['period=2026-01', 'period=2026-03', 'period=2026-04', 'period=2026-12', 'year=2026']) {
      for (const kind of ['balance-sheet', 'income-expenditure']) {
        const all = await get(`/api/centers/${c}/statements/${kind}?${q}`);
        const started = q === 'period=2026-01' ? [early] : [early, late];
        expect([q, kind, all.unions, all.notBalanced, all.notClosed.length]).toEqual([q, kind, started.length, [], started.length]);
        const each = await Promise.all(started.map((u) => get(`/api/unions/${u}/statements/${kind}?${q}`)));
        const sum = (key: string, col: number) =>
          each.reduce((acc, s) => acc.plus(s.lines.find((l: { key: string }) => l.key === key).values[col]), new Decimal(0)).toFixed(2);
        for (const l of all.lines as { key: string; values: string[] }[]) expect([q, kind, l.key, l.values]).toEqual([q, kind, l.key, [sum(l.key, 0), sum(l.key, 1)]]);
      }
    }
  });

  // last: it tampers with the books behind the service's back
  it('names the unions whose balance sheet does not balance, kept or computed, though the sum may', async () => {
    const c = (await newCenter(t)).id;
    const kept = (await newUnion(t, { centerId: c, firstPeriod: '2026-01' })).id;
    const open = (await newUnion(t, { centerId: c, firstPeriod: '2026-01' })).id;
    const sound = (await newUnion(t, { centerId: c, firstPeriod: '2026-01' })).id;
    for (const u of [kept, open, sound]) await postVoucher(t, u, '2026-01-08', [{ account: '10201', debit: '700.00' }, { account: '402', credit: '700.00' }]);
    await t.http().post(`/api/unions/${kept}/periods/2026-01/close`).send({}).expect(200);
    const client = await t.sql.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      // a kept statement whose 资产总计 no longer matches, and a balance written past the books
      await client.query(
        `UPDATE statement_cache SET lines = (SELECT jsonb_agg(CASE WHEN l->>'key' = 'totalAssets' THEN jsonb_set(l, '{values,1}', '"1.00"') ELSE l END ORDER BY n)
                                              FROM jsonb_array_elements(lines) WITH ORDINALITY e(l, n))
          WHERE union_id = $1 AND period = 202601 AND kind = 'balance-sheet'`,
        [kept],
      );
      await client.query(`UPDATE account_balances SET debit = debit + 1, closing = closing + 1 WHERE union_id = $1 AND account_code = '10201' AND period = 202601`, [open]);
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    expect((await get(`/api/unions/${open}/statements/balance-sheet?period=2026-01`)).balanced).toBe(false);
    const all = await get(`/api/centers/${c}/statements/balance-sheet?period=2026-01`);
    expect(all.notBalanced.map((x: { unionId: string }) => x.unionId).sort()).toEqual([kept, open].sort());
    expect(all.notClosed.map((x: { unionId: string }) => x.unionId).sort()).toEqual([open, sound].sort());
  });
});

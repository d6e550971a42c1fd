import { newUnion, postVoucher, reverseVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A union's whole year 2025, worked out by hand, then checked figure by figure against every monthly and the
 * annual 工会01表 / 工会02表, and against the next year's opening balances.
 *
 *   期初 2025-01   10201 借 50,000   101 借 2,000   32104 贷 4,000 (项目 P1)   32205 贷 48,000
 *   01-06  借 101 1,200 / 贷 401 1,200                                   会费
 *   01-10  借 10201 30,000 / 贷 402 30,000                               拨缴经费
 *   02-10  借 10201 5,000 / 贷 40302 5,000 (P2)                          上级专项补助
 *   02-20  借 50105 6,000 / 贷 10201 6,000                               会员活动
 *   03-18  借 50702 7,200 / 贷 10201 7,200；借 162 7,200 / 贷 30104 7,200   购置办公设备（卡片，72 个月，月折旧 100）
 *   04-15  借 50404 1,500 (P1 专项) / 贷 10201 1,500                      困难帮扶
 *   05-12  借 50404 3,800 (P2 专项) / 贷 10201 3,800                      P2 项目支出
 *   06-08  借 50105 900 / 贷 101 900，06-20 红字冲销                      错账更正
 *   07-05  借 10201 300 / 贷 32201 300（以前年度调整）                      以前年度支出收回
 *   09-30  借 10201 12,000 / 贷 402 12,000                               拨缴经费
 *   11-20  借 101 800 / 贷 401 800                                       会费
 *   each month closed (depreciation Mar–Dec: 100 a month); December closes P2 as finished (its 1,200 to 结余).
 */
describe('a worked year (2025), every statement figure by hand', () => {
  let t: TestApp;
  let u: string;
  beforeAll(async () => {
    t = await startTestApp();
    u = (await newUnion(t, { firstPeriod: '2025-01' })).id;
    for (const code of ['P1', 'P2']) await t.http().post(`/api/unions/${u}/projects`).send({ code, name: `项目 ${code}` }).expect(201);
    await t
      .http()
      .post(`/api/unions/${u}/opening-balances`)
      .send({
        lines: [
          { account: '10201', debit: '50000.00' },
          { account: '101', debit: '2000.00' },
          { account: '32104', credit: '4000.00', project: 'P1' },
          { account: '32205', credit: '48000.00' },
        ],
      })
      .expect(200);
    const p = (date: string, lines: Record<string, string>[]) => postVoucher(t, u, date, lines as never);
    await p('2025-01-06', [{ account: '101', debit: '1200.00' }, { account: '401', credit: '1200.00' }]);
    await p('2025-01-10', [{ account: '10201', debit: '30000.00' }, { account: '402', credit: '30000.00' }]);
    await p('2025-02-10', [{ account: '10201', debit: '5000.00' }, { account: '40302', credit: '5000.00', project: 'P2' }]);
    await p('2025-02-20', [{ account: '50105', debit: '6000.00' }, { account: '10201', credit: '6000.00' }]);
    const purchase = await p('2025-03-18', [
      { account: '50702', debit: '7200.00' },
      { account: '10201', credit: '7200.00' },
      { account: '162', debit: '7200.00' },
      { account: '30104', credit: '7200.00' },
    ]);
    await t.http().post(`/api/unions/${u}/fixed-assets`).send({ name: '办公设备', category: 'general', cost: '7200.00', usefulLifeMonths: 72, voucherId: purchase.id }).expect(201);
    await p('2025-04-15', [{ account: '50404', debit: '1500.00', project: 'P1', fundType: 'restricted' }, { account: '10201', credit: '1500.00' }]);
    await p('2025-05-12', [{ account: '50404', debit: '3800.00', project: 'P2', fundType: 'restricted' }, { account: '10201', credit: '3800.00' }]);
    const wrong = await p('2025-06-08', [{ account: '50105', debit: '900.00' }, { account: '101', credit: '900.00' }]);
    await reverseVoucher(t, u, wrong.id, '2025-06-20');
    const correction = await t
      .http()
      .post(`/api/unions/${u}/vouchers`)
      .send({ date: '2025-07-05', priorYearCorrection: true, lines: [{ summary: '以前年度支出收回', account: '10201', debit: '300.00' }, { summary: '以前年度支出收回', account: '32201', credit: '300.00' }] })
      .expect(201);
    await t.reviewer().post(`/api/unions/${u}/vouchers/${correction.body.id}/post`).expect(200);
    await p('2025-09-30', [{ account: '10201', debit: '12000.00' }, { account: '402', credit: '12000.00' }]);
    await p('2025-11-20', [{ account: '101', debit: '800.00' }, { account: '401', credit: '800.00' }]);
    for (let m = 1; m <= 12; m++) {
      const body = m === 12 ? { finishedProjects: [{ project: 'P2' }] } : {};
      await t.http().post(`/api/unions/${u}/periods/2025-${String(m).padStart(2, '0')}/close`).send(body).expect(200);
    }
    await t.http().post(`/api/unions/${u}/years/2025/close`).expect(200);
  });
  afterAll(() => t.close());

  const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
  const f = (n: number) => n.toFixed(2);
  type Statement = { lines: { key: string; values: string[] }[]; balanced: boolean | null; frozen: boolean };
  const get = async (path: string): Promise<Statement> => (await t.http().get(path).expect(200)).body;
  /** Every line: the expected pair where given, zero elsewhere. */
  const expectLines = (s: Statement, expected: Record<string, [number, number]>, label: string) => {
    const actual = Object.fromEntries(s.lines.map((l) => [l.key, l.values]));
    const want = Object.fromEntries(s.lines.map((l) => [l.key, (expected[l.key] ?? [0, 0]).map(f)]));
    expect([label, actual]).toEqual([label, want]);
  };

  // month ends, by hand (元)
  const cash = [83200, 82200, 75000, 73500, 69700, 69700, 70000, 70000, 82000, 82000, 82800, 82800];
  const cost = [0, 0, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200];
  const depreciation = [0, 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
  const carryForward = [4000, 9000, 9000, 7500, 3700, 3700, 3700, 3700, 3700, 3700, 3700, 2500];
  const surplus = [79200, 73200, 66000, 66000, 66000, 66000, 66300, 66300, 78300, 78300, 79100, 80300];

  const balanceSheet = (i: number): Record<string, [number, number]> => {
    const net = cost[i] - depreciation[i];
    const total = cash[i] + net;
    return {
      cash: [52000, cash[i]],
      currentAssets: [52000, cash[i]],
      fixedAssetsCost: [0, cost[i]],
      accumulatedDepreciation: [0, depreciation[i]],
      fixedAssetsNet: [0, net],
      totalAssets: [52000, total],
      assetFund: [0, net],
      unionCarryForward: [4000, carryForward[i]],
      unionSurplus: [48000, surplus[i]],
      totalNetAssets: [52000, total],
      totalLiabilitiesAndNetAssets: [52000, total],
    };
  };

  it('工会01表 at every month end: the hand-computed figures, balanced', async () => {
    for (const [i, m] of MONTHS.entries()) {
      const s = await get(`/api/unions/${u}/statements/balance-sheet?period=${m}`);
      expect([m, s.balanced]).toEqual([m, true]);
      expectLines(s, balanceSheet(i), m);
    }
  });

  it('工会02表 of every month: 本月数 and 本年累计数 by hand, closing entries left out', async () => {
    // per month (本月数), by hand
    const month: Record<string, number[]> = {
      dues: [1200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 800, 0],
      allocated: [30000, 0, 0, 0, 0, 0, 0, 0, 12000, 0, 0, 0],
      upperSubsidy: [0, 5000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      memberActivities: [0, 6000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      rightsProtection: [0, 0, 0, 1500, 3800, 0, 0, 0, 0, 0, 0, 0],
      capital: [0, 0, 7200, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      adjustments: [0, 0, 0, 0, 0, 0, 300, 0, 0, 0, 0, 0],
      totalIncome: [31200, 5000, 0, 0, 0, 0, 0, 0, 12000, 0, 800, 0],
      totalExpense: [0, 6000, 7200, 1500, 3800, 0, 0, 0, 0, 0, 0, 0],
      result: [31200, -1000, -7200, -1500, -3800, 0, 0, 0, 12000, 0, 800, 0],
    };
    // year to date (本年累计数), by hand
    const toDate: Record<string, number[]> = {
      dues: [1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 2000, 2000],
      allocated: [30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 42000, 42000, 42000, 42000],
      upperSubsidy: [0, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000],
      memberActivities: [0, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000],
      rightsProtection: [0, 0, 0, 1500, 5300, 5300, 5300, 5300, 5300, 5300, 5300, 5300],
      capital: [0, 0, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200, 7200],
      adjustments: [0, 0, 0, 0, 0, 0, 300, 300, 300, 300, 300, 300],
      totalIncome: [31200, 36200, 36200, 36200, 36200, 36200, 36200, 36200, 48200, 48200, 49000, 49000],
      totalExpense: [0, 6000, 13200, 14700, 18500, 18500, 18500, 18500, 18500, 18500, 18500, 18500],
      result: [31200, 30200, 23000, 21500, 17700, 17700, 17700, 17700, 29700, 29700, 30500, 30500],
    };
    for (const [i, m] of MONTHS.entries()) {
      const s = await get(`/api/unions/${u}/statements/income-expenditure?period=${m}`);
      expectLines(s, Object.fromEntries(Object.keys(month).map((k) => [k, [month[k][i], toDate[k][i]]])), m);
    }
  });

  it('the annual 01表 and 02表: 年初/年末, 本年数/上年数 and the funds carried, frozen with the year', async () => {
    const bs = await get(`/api/unions/${u}/statements/balance-sheet?year=2025`);
    expect(bs).toMatchObject({ balanced: true, frozen: true });
    expectLines(bs, balanceSheet(11), '2025 年报 01表');
    const is = await get(`/api/unions/${u}/statements/income-expenditure?year=2025`);
    expect(is.frozen).toBe(true);
    expectLines(
      is,
      {
        openingFunds: [52000, 0],
        openingCarryForward: [4000, 0],
        openingSurplus: [48000, 0],
        adjustments: [300, 0],
        totalIncome: [49000, 0],
        dues: [2000, 0],
        allocated: [42000, 0],
        upperSubsidy: [5000, 0],
        totalExpense: [18500, 0],
        memberActivities: [6000, 0],
        rightsProtection: [5300, 0],
        capital: [7200, 0],
        result: [30500, 0],
        closingFunds: [82800, 0],
        closingCarryForward: [2500, 0],
        closingSurplus: [80300, 0],
      },
      '2025 年报 02表',
    );
  });

  it("the next year opens with the closed year's balances: only 32104 per open project and 32205 among the funds", async () => {
    const tb = (await t.http().get(`/api/unions/${u}/trial-balance?from=2026-01&to=2026-01`).expect(200)).body;
    const opening = Object.fromEntries(
      (tb.rows as { code: string; level: number; openingDebit: string; openingCredit: string }[])
        .filter((r) => r.openingDebit !== '0.00' || r.openingCredit !== '0.00')
        .map((r) => [r.code, r.openingDebit !== '0.00' ? r.openingDebit : `-${r.openingCredit}`]),
    );
    expect(opening).toEqual({
      '101': '4000.00',
      '102': '78800.00',
      '10201': '78800.00',
      '162': '7200.00',
      '163': '-1000.00',
      '301': '-6200.00',
      '30104': '-6200.00',
      '321': '-2500.00',
      '32104': '-2500.00',
      '322': '-80300.00',
      '32205': '-80300.00',
    });
    const next = await get(`/api/unions/${u}/statements/balance-sheet?period=2026-01`);
    expect(next.lines.filter((l) => ['totalAssets', 'unionCarryForward', 'unionSurplus'].includes(l.key)).map((l) => [l.key, l.values[0]])).toEqual([
      ['totalAssets', '89000.00'],
      ['unionCarryForward', '2500.00'],
      ['unionSurplus', '80300.00'],
    ]);
    const p1 = (await t.http().get(`/api/unions/${u}/ledger?account=32104&from=2026-01&to=2026-01`).expect(200)).body;
    expect(p1.opening).toMatchObject({ direction: '贷', amount: '2500.00' });
  });
});

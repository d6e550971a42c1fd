import { newUnion, postVoucher, reverseVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A small set of books worked out by hand (figures in docs/architecture.md would read the same):
 *
 *   期初 2026-01  10201 借 50,000   101 借 2,000   32205 贷 52,000
 *   V1 01-10  借 10201 30,000 / 贷 402 30,000      拨缴经费到账
 *   V2 01-20  借 50105  6,000 / 贷 10201 6,000     节日慰问
 *   V3 02-05  借 101    1,200 / 贷 401 1,200       收会费
 *   V4 02-15  借 50101    800 / 贷 101 800         培训教材（现金）
 *   V5 02-20  借 10201    500 / 贷 101 500         现金存入集中户
 *   V6 03-03  借 50502  1,500 / 贷 10201 1,500     经审会会议
 *   V7 03-10  冲销 V4: 借 50101 −800 / 贷 101 −800
 */
describe('trial balance, ledger and balances against a hand-computed example', () => {
  let t: TestApp;
  let u: string;
  let v4: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    u = (await newUnion(t, { firstPeriod: '2026-01' })).id;
    await t
      .http()
      .post(`/api/unions/${u}/opening-balances`)
      .send({ lines: [{ account: '10201', debit: '50000.00' }, { account: '101', debit: '2000.00' }, { account: '32205', credit: '52000.00' }] })
      .expect(200);
    const p = (date: string, dr: string, cr: string, amount: string, summary: string) =>
      postVoucher(t, u, date, [{ account: dr, debit: amount, summary }, { account: cr, credit: amount, summary }]);
    await p('2026-01-10', '10201', '402', '30000.00', '拨缴经费到账');
    await p('2026-01-20', '50105', '10201', '6000.00', '节日慰问');
    await p('2026-02-05', '101', '401', '1200.00', '收会费');
    v4 = await p('2026-02-15', '50101', '101', '800.00', '培训教材');
    await p('2026-02-20', '10201', '101', '500.00', '现金存入集中户');
    await p('2026-03-03', '50502', '10201', '1500.00', '经审会会议');
    await reverseVoucher(t, u, v4.id, '2026-03-10');
  });
  afterAll(() => t.close());

  const tb = async (from: string, to: string) => (await t.http().get(`/api/unions/${u}/trial-balance?from=${from}&to=${to}`).expect(200)).body;
  const figures = (body: { rows: Record<string, string>[] }, code: string) => {
    const r = body.rows.find((x) => x.code === code)!;
    return [r.openingDebit, r.openingCredit, r.debit, r.credit, r.closingDebit, r.closingCredit];
  };

  it('January–February: every level and the totals', async () => {
    const body = await tb('2026-01', '2026-02');
    expect(figures(body, '101')).toEqual(['2000.00', '0.00', '1200.00', '1300.00', '1900.00', '0.00']);
    expect(figures(body, '102')).toEqual(['50000.00', '0.00', '30500.00', '6000.00', '74500.00', '0.00']);
    expect(figures(body, '10201')).toEqual(['50000.00', '0.00', '30500.00', '6000.00', '74500.00', '0.00']);
    expect(figures(body, '322')).toEqual(['0.00', '52000.00', '0.00', '0.00', '0.00', '52000.00']);
    expect(figures(body, '401')).toEqual(['0.00', '0.00', '0.00', '1200.00', '0.00', '1200.00']);
    expect(figures(body, '402')).toEqual(['0.00', '0.00', '0.00', '30000.00', '0.00', '30000.00']);
    expect(figures(body, '501')).toEqual(['0.00', '0.00', '6800.00', '0.00', '6800.00', '0.00']);
    expect(figures(body, '50101')).toEqual(['0.00', '0.00', '800.00', '0.00', '800.00', '0.00']);
    expect(body.totals).toEqual({
      openingDebit: '52000.00',
      openingCredit: '52000.00',
      debit: '38500.00',
      credit: '38500.00',
      closingDebit: '83200.00',
      closingCredit: '83200.00',
    });
    expect(body.balanced).toBe(true);
  });

  it('March alone: opening from February, the red reversal reduces activity', async () => {
    const body = await tb('2026-03', '2026-03');
    expect(figures(body, '101')).toEqual(['1900.00', '0.00', '0.00', '-800.00', '2700.00', '0.00']);
    expect(figures(body, '10201')).toEqual(['74500.00', '0.00', '0.00', '1500.00', '73000.00', '0.00']);
    expect(figures(body, '50101')).toEqual(['800.00', '0.00', '-800.00', '0.00', '0.00', '0.00']);
    expect(figures(body, '505')).toEqual(['0.00', '0.00', '1500.00', '0.00', '1500.00', '0.00']);
    expect(body.totals).toEqual({
      openingDebit: '83200.00',
      openingCredit: '83200.00',
      debit: '700.00',
      credit: '700.00',
      closingDebit: '83200.00',
      closingCredit: '83200.00',
    });
  });

  it('明细账 of 101 with running balance, 本月合计 and 本年累计', async () => {
    const body = (await t.http().get(`/api/unions/${u}/ledger?account=101&from=2026-01&to=2026-03`).expect(200)).body;
    expect(body).toMatchObject({ account: '101', accountName: '库存现金', opening: { direction: '借', amount: '2000.00' }, closing: { direction: '借', amount: '2700.00' }, total: 4 });
    expect(body.lines.map((l: Record<string, string>) => [l.date, l.voucherNumber, l.debit, l.credit, l.direction, l.balance])).toEqual([
      ['2026-02-05', '记-202602-0001', '1200.00', null, '借', '3200.00'],
      ['2026-02-15', '记-202602-0002', null, '800.00', '借', '2400.00'],
      ['2026-02-20', '记-202602-0003', null, '500.00', '借', '1900.00'],
      ['2026-03-10', '记-202603-0002', null, '-800.00', '借', '2700.00'],
    ]);
    expect(body.lines[3].summary).toBe('冲销 记-202602-0002 号凭证');
    expect(body.periods).toEqual([
      { period: '2026-02', debit: '1200.00', credit: '1300.00', yearDebit: '1200.00', yearCredit: '1300.00', closing: { direction: '借', amount: '1900.00' } },
      { period: '2026-03', debit: '0.00', credit: '-800.00', yearDebit: '1200.00', yearCredit: '500.00', closing: { direction: '借', amount: '2700.00' } },
    ]);
  });

  it('明细账 of a union numbering 收/付/转: a day lists 收, 付, 转, then by number, whatever the posting order', async () => {
    const typed = (await newUnion(t, { firstPeriod: '2026-01', voucherNumbering: 'typed' })).id;
    const p = (date: string, dr: string, cr: string, amount: string) => postVoucher(t, typed, date, [{ account: dr, debit: amount }, { account: cr, credit: amount }]);
    await p('2026-04-01', '101', '401', '500.00');
    // on one day, posted 转, 付, 收, 付, 收 (by type code 付 would sort before 收; by posting order 转 first); then 收 the day before
    await p('2026-04-08', '50101', '215', '7.00');
    await p('2026-04-08', '50101', '101', '10.00');
    await p('2026-04-08', '101', '50101', '1.00');
    await p('2026-04-08', '50101', '101', '20.00');
    await p('2026-04-08', '101', '50101', '2.00');
    await p('2026-04-07', '50101', '101', '3.00');
    const body = (await t.http().get(`/api/unions/${typed}/ledger?account=50101&from=2026-04&to=2026-04`).expect(200)).body;
    expect(body.lines.map((l: Record<string, string>) => [l.date, l.voucherNumber, l.balance])).toEqual([
      ['2026-04-07', '付-202604-0003', '3.00'],
      ['2026-04-08', '收-202604-0002', '2.00'],
      ['2026-04-08', '收-202604-0003', '0.00'],
      ['2026-04-08', '付-202604-0001', '10.00'],
      ['2026-04-08', '付-202604-0002', '30.00'],
      ['2026-04-08', '转-202604-0001', '37.00'],
    ]);
    // paging keeps the order and the running balance
    const second = (await t.http().get(`/api/unions/${typed}/ledger?account=50101&from=2026-04&to=2026-04&page=2&pageSize=4`).expect(200)).body;
    expect(second.lines.map((l: Record<string, string>) => [l.voucherNumber, l.balance])).toEqual([
      ['付-202604-0002', '30.00'],
      ['转-202604-0001', '37.00'],
    ]);
  });

  it('pages the ledger without losing the running balance', async () => {
    const body = (await t.http().get(`/api/unions/${u}/ledger?account=101&from=2026-01&to=2026-03&page=2&pageSize=3`).expect(200)).body;
    expect(body.lines).toHaveLength(1);
    expect(body.lines[0]).toMatchObject({ date: '2026-03-10', balance: '2700.00' });
    expect(body.total).toBe(4);
  });

  it('every page of every size gives the lines and running balances of the whole ledger, days with many lines included', async () => {
    const busy = (await newUnion(t, { firstPeriod: '2026-01', voucherNumbering: 'typed' })).id;
    const p = (date: string, lines: { account: string; debit?: string; credit?: string }[]) => postVoucher(t, busy, date, lines as never);
    // three months; days holding several vouchers of several types; a voucher with two lines on one leaf; two leaves of 501
    await p('2026-01-31', [{ account: '50101', debit: '1.00' }, { account: '101', credit: '1.00' }]);
    for (const [i, date] of ['2026-02-03', '2026-02-03', '2026-02-03', '2026-02-10', '2026-03-01', '2026-03-01', '2026-03-31'].entries()) {
      const cents = `${i + 2}.0${i}`;
      await p(date, [{ account: '50101', debit: cents }, { account: '101', credit: cents }]);
      await p(date, [{ account: '101', debit: '0.50' }, { account: '50105', credit: '0.50' }]);
      await p(date, [{ account: '50105', debit: '0.25' }, { account: '50101', debit: '0.25' }, { account: '215', credit: '0.50' }]);
    }
    await p('2026-02-03', [{ account: '50101', debit: '9.00' }, { account: '50101', debit: '1.00' }, { account: '101', credit: '10.00' }]);
    for (const account of ['50101', '501']) {
      const q = `/api/unions/${busy}/ledger?account=${account}&from=2026-02&to=2026-03`;
      const whole = (await t.http().get(`${q}&pageSize=500`).expect(200)).body;
      const shown = (b: { lines: Record<string, string>[] }) => b.lines.map((l) => [l.date, l.voucherNumber, l.account, l.debit, l.credit, l.balance].join(' '));
      expect(whole.total).toBe(whole.lines.length);
      for (let size = 1; size <= whole.total + 1; size++) {
        const pages: string[] = [];
        for (let page = 1; (page - 1) * size < whole.total; page++) pages.push(...shown((await t.http().get(`${q}&page=${page}&pageSize=${size}`).expect(200)).body));
        expect([account, size, pages]).toEqual([account, size, shown(whole)]);
      }
    }
  });

  it('明细账 of a parent account covers its details; year-to-date counts months before the range', async () => {
    const body = (await t.http().get(`/api/unions/${u}/ledger?account=102&from=2026-02&to=2026-03`).expect(200)).body;
    expect(body.accountPath).toBe('银行存款');
    expect(body.opening).toEqual({ direction: '借', amount: '74000.00' });
    expect(body.lines.map((l: Record<string, string>) => [l.account, l.debit, l.credit, l.balance])).toEqual([
      ['10201', '500.00', null, '74500.00'],
      ['10201', null, '1500.00', '73000.00'],
    ]);
    expect(body.periods.map((p: Record<string, string>) => [p.period, p.yearDebit, p.yearCredit])).toEqual([
      ['2026-02', '30500.00', '6000.00'],
      ['2026-03', '30500.00', '7500.00'],
    ]);
  });

  it('balance of any account as of any date', async () => {
    const at = async (code: string, date: string) =>
      (await t.http().get(`/api/unions/${u}/accounts/${code}/balance?date=${date}`).expect(200)).body;
    expect(await at('101', '2026-02-15')).toMatchObject({ direction: '借', amount: '2400.00' });
    expect(await at('10201', '2026-01-15')).toMatchObject({ direction: '借', amount: '80000.00' });
    expect(await at('10201', '2026-01-09')).toMatchObject({ direction: '借', amount: '50000.00' });
    expect(await at('322', '2026-03-31')).toMatchObject({ direction: '贷', amount: '52000.00', signed: '-52000.00' });
    expect(await at('401', '2026-02-04')).toMatchObject({ direction: '平', amount: '0.00' });
    expect(await at('501', '2026-03-31')).toMatchObject({ direction: '借', amount: '6000.00' });
  });

  it('answers clearly for bad ranges and unknown accounts', async () => {
    expect((await t.http().get(`/api/unions/${u}/trial-balance?from=2026-03&to=2026-01`).expect(400)).body.code).toBe('PERIOD_RANGE_INVALID');
    expect((await t.http().get(`/api/unions/${u}/trial-balance?from=2026-01`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get(`/api/unions/${u}/ledger?account=999&from=2026-01&to=2026-01`).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().get(`/api/unions/${u}/accounts/101/balance?date=2026-02-30`).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});

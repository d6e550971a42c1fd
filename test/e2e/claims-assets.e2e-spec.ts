import { startTestApp, TestApp } from '../support/test-app';
import { claimBody, ClaimPeople, claimUnion, postedClaim, submittedClaim } from '../support/claims';

type Line = { account: string; debit: string | null; credit: string | null };

/**
 * 固定资产 at the thresholds of 《工会会计制度》第三十二条 (or the center's own): the payment voucher the
 * reviewing accountant prepares enters a purchase line as a fixed asset (Dr 162 / Cr 30104) only when its
 * unit value reaches the threshold of its kind; below it the purchase is only an expense.
 */
describe('claims: fixed-asset capitalisation', () => {
  let t: TestApp;
  let p: ClaimPeople;
  beforeAll(async () => {
    t = await startTestApp();
    p = await claimUnion(t, { funds: '50000.00', noDocumentRules: true });
  });
  afterAll(() => t.close());

  const item = (description: string, quantity: string, unitPrice: string, amount: string) => ({ description, quantity, unitPrice, amount });
  const purchase = (expenseAccount: string, lines: ReturnType<typeof item>[]) => claimBody('0.00', { purpose: '购置设备', expenseAccount, lines });
  /** Reviews a claim (the voucher is prepared then) and returns the draft voucher's lines and the claim. */
  const review = async (expenseAccount: string, lines: ReturnType<typeof item>[], body: Record<string, unknown> = {}) => {
    const claim = await submittedClaim(t, p, purchase(expenseAccount, lines));
    await p.chair().post(`/api/unions/${p.unionId}/claims/${claim.id}/approve`).send({}).expect(200);
    const reviewed = await p.accountant().post(`/api/unions/${p.unionId}/claims/${claim.id}/review`).send(body);
    expect(reviewed.status).toBe(200);
    const voucher = (await t.http().get(`/api/unions/${p.unionId}/vouchers/${reviewed.body.voucher.id}`).expect(200)).body;
    const entries = (voucher.lines as Line[]).map((l) => [l.account, l.debit, l.credit]);
    await p.clerk().post(`/api/unions/${p.unionId}/claims/${claim.id}/cancel`).send({ comment: '测试完毕' }).expect(200);
    return { claim: reviewed.body, entries };
  };

  it('capitalises general equipment from a unit value of 1,000.00 on, and not a line at 999.99', async () => {
    const { claim, entries } = await review('50702', [item('办公椅', '1', '999.99', '999.99'), item('笔记本电脑', '2', '1000.00', '2000.00')]);
    expect(entries).toEqual([
      ['50702', '2999.99', null],
      ['10201', null, '2999.99'],
      ['162', '2000.00', null],
      ['30104', null, '2000.00'],
    ]);
    expect(claim.fixedAssets).toEqual([
      { lineNo: 2, description: '笔记本电脑', quantity: '2', unitPrice: '1000.00', amount: '2000.00', category: 'general', categoryLabel: '通用设备' },
    ]);
  });

  it('capitalises special equipment only from 1,500.00, and nothing bought for repairs', async () => {
    const below = await review('50703', [item('检测仪', '1', '1499.99', '1499.99')]);
    expect(below.entries.map((e) => e[0])).toEqual(['50703', '10201']);
    const at = await review('50703', [item('检测仪', '1', '1500.00', '1500.00')]);
    expect(at.entries).toContainEqual(['162', '1500.00', null]);
    const repairs = await review('50705', [item('屋面防水', '1', '4000.00', '4000.00')]);
    expect(repairs.entries.map((e) => e[0])).toEqual(['50705', '10201']);
  });

  it("follows the center's own thresholds, and enters a bulk purchase of like items whole when the accountant says so", async () => {
    const settings = { onePersonReversal: false, generalEquipmentThreshold: '2000.00', specialEquipmentThreshold: '2500.00' };
    await t.http().put(`/api/centers/${p.centerId}/ledger-settings`).send(settings).expect(200);
    try {
      const below = await review('50702', [item('打印机', '1', '1999.99', '1999.99')]);
      expect(below.entries.map((e) => e[0])).toEqual(['50702', '10201']);
      const at = await review('50702', [item('打印机', '1', '2000.00', '2000.00')]);
      expect(at.entries).toContainEqual(['162', '2000.00', null]);
      const bulk = await review('50702', [item('书架', '10', '300.00', '3000.00')], { bulkFixedAssets: true });
      expect(bulk.entries).toEqual([
        ['50702', '3000.00', null],
        ['10201', null, '3000.00'],
        ['162', '3000.00', null],
        ['30104', null, '3000.00'],
      ]);
    } finally {
      await t.http().put(`/api/centers/${p.centerId}/ledger-settings`).send({ ...settings, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00' }).expect(200);
    }
  });

  it('puts the capitalised items into the books when the voucher is posted', async () => {
    const body = claimBody('1200.00', { purpose: '购置打印机', expenseAccount: '50702', lines: [item('打印机', '1', '1200.00', '1200.00')] });
    const claim = await postedClaim(t, p, body, { date: '2026-03-20', bankReference: 'B-0001' });
    expect(claim.status).toBe('posted');
    const tb = (await t.http().get(`/api/unions/${p.unionId}/trial-balance?from=2026-03&to=2026-03`).expect(200)).body;
    const row = (code: string) => tb.rows.find((r: { code: string }) => r.code === code);
    expect([row('162').debit, row('30104').credit]).toEqual(['1200.00', '1200.00']);
  });
});

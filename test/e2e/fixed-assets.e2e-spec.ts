import { newUnion, postVoucher } from '../support/builders';
import { claimBody, claimUnion, postedClaim } from '../support/claims';
import { startTestApp, TestApp } from '../support/test-app';

/** 固定资产卡片: made at a capital purchase's payment or entered for assets held at the start, depreciated at month end, disposed of. */
describe('fixed assets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const close = (u: string, p: string) => t.http().post(`/api/unions/${u}/periods/${p}/close`).send({});
  const linesOf = async (u: string, id: string) =>
    (await t.http().get(`/api/unions/${u}/vouchers/${id}`).expect(200)).body.lines.map(
      (l: { account: string; debit: string | null; credit: string | null }) => `${l.debit ? 'Dr' : 'Cr'} ${l.account} ${l.debit ?? l.credit}`,
    );
  const balance = async (u: string, code: string, date: string) => (await t.http().get(`/api/unions/${u}/accounts/${code}/balance?date=${date}`).expect(200)).body.signed;

  it('a capital purchase paid through a claim gets its card, depreciated monthly from its month at closing (Dr 30104 / Cr 163)', async () => {
    const p = await claimUnion(t, { funds: '20000.00', noDocumentRules: true });
    const body = claimBody('3600.00', { purpose: '购置笔记本电脑', expenseAccount: '50702', eventDate: '2026-01-10', lines: [{ description: '笔记本电脑', quantity: '1', unitPrice: '3600.00', amount: '3600.00' }] });
    // reviewed (the voucher draft capitalises it), checked, paid on 01-15 and posted (记账): the card comes with the posting
    const claim = await postedClaim(t, p, body, { date: '2026-01-15', bankReference: 'B0001' });
    const list = (await t.http().get(`/api/unions/${p.unionId}/fixed-assets`).expect(200)).body;
    expect(list.items).toEqual([
      expect.objectContaining({
        number: 'GZ-0001',
        name: expect.stringMatching(/^笔记本电脑 /),
        category: 'general',
        cost: '3600.00',
        acquisitionDate: '2026-01-15',
        usefulLifeMonths: 72,
        status: 'active',
        origin: 'purchase',
        claimId: claim.id,
        accumulatedDepreciation: '0.00',
      }),
    ]);
    expect(list.reconciliation).toEqual({ cards: { cost: '3600.00', depreciation: '0.00' }, ledger: { cost: '3600.00', depreciation: '0.00' } });

    const jan = await close(p.unionId, '2026-01').expect(200);
    const dep = jan.body.closingVouchers.find((v: { kind: string }) => v.kind === 'depreciation');
    expect(await linesOf(p.unionId, dep.id)).toEqual(['Dr 30104 50.00', 'Cr 163 50.00']);
    await close(p.unionId, '2026-02').expect(200);
    const card = (await t.http().get(`/api/unions/${p.unionId}/fixed-assets/${list.items[0].id}`).expect(200)).body;
    expect(card).toMatchObject({ accumulatedDepreciation: '100.00', bookValue: '3500.00', lastDepreciated: '2026-02' });
    expect(await balance(p.unionId, '163', '2026-02-28')).toBe('-100.00');
    // no expense: depreciation only shrinks the asset fund
    expect(await balance(p.unionId, '30104', '2026-02-28')).toBe('-3500.00');
    const bs = (await t.http().get(`/api/unions/${p.unionId}/statements/balance-sheet?period=2026-02`).expect(200)).body;
    const v = Object.fromEntries(bs.lines.map((l: { key: string; values: string[] }) => [l.key, l.values[1]]));
    expect([v.fixedAssetsCost, v.accumulatedDepreciation, v.fixedAssetsNet, v.assetFund]).toEqual(['3600.00', '100.00', '3500.00', '3500.00']);
    // reopening February does not depreciate it twice
    await t.reviewer().post(`/api/unions/${p.unionId}/periods/2026-02/reopen`).send({ reason: '补记' }).expect(200);
    const again = await close(p.unionId, '2026-02').expect(200);
    expect(again.body.closingVouchers.find((x: { kind: string }) => x.kind === 'depreciation')).toBeUndefined();
    expect((await t.http().get(`/api/unions/${p.unionId}/fixed-assets/${card.id}`).expect(200)).body.accumulatedDepreciation).toBe('100.00');

    // its purchase voucher cannot be reversed while the card stands: refused as the reversal is drafted
    const drafts = async () => (await t.sql.query(`SELECT count(*)::int AS n FROM voucher_drafts WHERE union_id = $1`, [p.unionId])).rows[0].n;
    const before = await drafts();
    const reversal = await t.http().post(`/api/unions/${p.unionId}/vouchers/${card.voucherId}/reverse`).send({ date: '2026-03-02' }).expect(409);
    expect(reversal.body.code).toBe('ASSET_CARD_STANDS');
    expect(reversal.body.message).toContain('固定资产卡片');
    expect(await drafts()).toBe(before);
  });

  it('takes cards for assets held when the books began, and disposes of one with its entries', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await t
      .http()
      .post(`/api/unions/${u.id}/opening-balances`)
      .send({ lines: [{ account: '10201', debit: '1000.00' }, { account: '162', debit: '3000.00' }, { account: '163', credit: '1200.00' }, { account: '30104', credit: '1800.00' }, { account: '32205', credit: '1000.00' }] })
      .expect(200);
    const made = await t
      .http()
      .post(`/api/unions/${u.id}/fixed-assets`)
      .send({ name: '会议桌', category: 'general', cost: '3000.00', usefulLifeMonths: 180, acquisitionDate: '2022-01-05', openingDepreciation: '1200.00' })
      .expect(201);
    expect(made.body).toMatchObject({ number: 'GZ-0001', origin: 'opening', accumulatedDepreciation: '1200.00', bookValue: '1800.00' });
    // an asset bought after the books began needs its purchase voucher
    expect(
      (await t.http().post(`/api/unions/${u.id}/fixed-assets`).send({ name: 'x', category: 'general', cost: '100.00', usefulLifeMonths: 12, acquisitionDate: '2026-02-01' }).expect(422)).body.code,
    ).toBe('ASSET_ORIGIN_INVALID');

    await close(u.id, '2026-01').expect(200); // 3000 / 180 = 16.67
    const sold = await t
      .http()
      .post(`/api/unions/${u.id}/fixed-assets/${made.body.id}/dispose`)
      .send({ kind: 'sale', date: '2026-02-10', proceeds: '500.00', reason: '经委员会同意出售' })
      .expect(200);
    expect(sold.body).toMatchObject({ status: 'disposed', accumulatedDepreciation: '1216.67', disposal: expect.objectContaining({ kind: 'sale', proceeds: '500.00' }) });
    expect(await linesOf(u.id, sold.body.disposal.voucherId)).toEqual(['Dr 30104 1783.33', 'Dr 163 1216.67', 'Cr 162 3000.00', 'Dr 10201 500.00', 'Cr 408 500.00']);
    // disposed: no depreciation in its month, nothing more to change
    const feb = await close(u.id, '2026-02').expect(200);
    expect(feb.body.closingVouchers.map((v: { kind: string }) => v.kind)).toEqual(['period-end']);
    await t.http().post(`/api/unions/${u.id}/fixed-assets/${made.body.id}/dispose`).send({ kind: 'scrap', date: '2026-03-01', reason: 'x' }).expect(409);
    expect(await balance(u.id, '162', '2026-02-28')).toBe('0.00');
    expect(await balance(u.id, '163', '2026-02-28')).toBe('0.00');
  });

  it('a card made in error is cancelled before any depreciation, and its voucher may then be reversed', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    const v = await postVoucher(t, u.id, '2026-03-05', [
      { account: '50702', debit: '1500.00' },
      { account: '101', credit: '1500.00' },
      { account: '162', debit: '1500.00' },
      { account: '30104', credit: '1500.00' },
    ]);
    // a reversal drafted before the card was taken: the database refuses its posting while the card stands
    const early = (await t.http().post(`/api/unions/${u.id}/vouchers/${v.id}/reverse`).send({ date: '2026-03-06' }).expect(201)).body;
    const card = (await t.http().post(`/api/unions/${u.id}/fixed-assets`).send({ name: '打印机', category: 'general', cost: '1500.00', usefulLifeMonths: 72, voucherId: v.id }).expect(201)).body;
    expect(card).toMatchObject({ acquisitionDate: '2026-03-05', origin: 'purchase' });
    expect((await t.reviewer().post(`/api/unions/${u.id}/vouchers/${early.id}/post`).expect(409)).body.code).toBe('ASSET_CARD_STANDS');
    expect((await t.http().post(`/api/unions/${u.id}/fixed-assets`).send({ name: '又一台', category: 'general', cost: '1.00', usefulLifeMonths: 72, voucherId: v.id }).expect(422)).body.code).toBe(
      'ASSET_COST_INVALID',
    );
    await t.http().patch(`/api/unions/${u.id}/fixed-assets/${card.id}`).send({ usefulLifeMonths: 96 }).expect(200);
    await t.http().post(`/api/unions/${u.id}/fixed-assets/${card.id}/cancel`).send({ reason: '应为维修费' }).expect(200);
    // cancelled: the reversal drafted earlier now posts
    expect((await t.reviewer().post(`/api/unions/${u.id}/vouchers/${early.id}/post`).expect(200)).body.reversalOf.id).toBe(v.id);
    const clerk = await t.userWith([{ role: 'clerk', unionId: u.id }], 'clerk');
    await clerk.http().get(`/api/unions/${u.id}/fixed-assets`).expect(403);
  });
});

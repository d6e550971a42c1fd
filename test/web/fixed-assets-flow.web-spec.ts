/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { DESKTOP, docShot, errors, step } from './support/browser';
import { useScene } from './support/scene';
import { login } from './support/ui';

type Asset = { id: string; number: string; name: string; status: string; cost: string; disposal: { kind: string; proceeds: string; voucherId: string | null } | null };
type Assets = { items: Asset[]; reconciliation: { cards: { cost: string; depreciation: string }; ledger: { cost: string; depreciation: string } } };
type Voucher = { lines: { account: string; debit: string | null; credit: string | null }[] };

/**
 * Issue 13's fixed-asset page, through the UI only (issue 18's API): union B's books begin with two assets held
 * before the first period (162 4,500.00, 163 1,200.00 in its opening balances). The accountant registers their
 * cards; one is keyed with a wrong cost, so the register says the cards disagree with 162; that card is
 * cancelled (注销, with a reason) and registered again, and the register agrees. Then the 会议桌 is sold: the server
 * posts the disposal voucher (cost and depreciation written off, the proceeds received), the card is 已处置,
 * and the ledger's 162/163 still agree with the cards left.
 */
describe('fixed assets: cards registered, one cancelled, one sold', () => {
  const web = useScene({
    setup: async (scene) => {
      const accountant = await scene.as(scene.people.accountant);
      await accountant.post(`/api/unions/${scene.unions.B.id}/opening-balances`, {
        lines: [
          { account: '10201', debit: '1000.00' },
          { account: '162', debit: '4500.00' },
          { account: '163', credit: '1200.00' },
          { account: '30104', credit: '3300.00' },
          { account: '32205', credit: '1000.00' },
        ],
      });
    },
  });
  const tabs = web.tabs;

  async function register(page: Page, f: { name: string; cost: string; months: string; date: string; depreciation: string }) {
    await page.getByRole('button', { name: '登记启用前资产' }).click();
    const dialog = page.getByRole('dialog', { name: '登记启用前已有的固定资产' });
    await dialog.getByLabel('资产名称').fill(f.name);
    // 类别 stays 通用设备, the default
    await dialog.getByLabel('原值').fill(f.cost);
    await dialog.getByLabel('使用年限（月）').fill(f.months);
    await dialog.getByLabel('取得日期').fill(f.date);
    await dialog.getByLabel('截至启用时的累计折旧').fill(f.depreciation);
    await dialog.getByRole('button', { name: '登记' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: new RegExp(f.name) }).waitFor();
  }

  it('keeps the cards and the ledger in agreement through cancel and sale', async () => {
    const { scene } = web;
    const B = scene.unions.B;
    const api = await scene.as(scene.people.accountant);
    const assets = () => api.get<Assets>(`/api/unions/${B.id}/fixed-assets`);

    const accountant = await web.tab(DESKTOP);
    await step('the accountant registers the cards; a wrong cost shows as a disagreement', tabs, async () => {
      const { page } = accountant;
      await login(page, scene.people.accountant, `/u/${B.id}/fixed-assets`);
      await page.getByText('没有固定资产卡片').waitFor();
      await register(page, { name: '会议桌', cost: '3000', months: '180', date: '2022-01-05', depreciation: '1200' });
      await register(page, { name: '打印机', cost: '1,600', months: '72', date: '2025-06-20', depreciation: '0' });
      await page.getByText(/卡片与账簿不符/).waitFor();
    });
    expect((await assets()).reconciliation).toEqual({ cards: { cost: '4600.00', depreciation: '1200.00' }, ledger: { cost: '4500.00', depreciation: '1200.00' } });

    await step('the wrong card is cancelled with a reason and registered again', tabs, async () => {
      const { page } = accountant;
      const wrong = page.getByRole('row', { name: /打印机/ });
      await wrong.getByRole('button', { name: '注销' }).click();
      const dialog = page.getByRole('dialog', { name: /注销卡片 .* 打印机/ });
      await dialog.getByLabel('注销原因').fill('原值录错，应为 1,500.00');
      await dialog.getByRole('button', { name: '注销' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row', { name: /打印机/ }).waitFor({ state: 'detached' });
      await register(page, { name: '打印机', cost: '1500', months: '72', date: '2025-06-20', depreciation: '0' });
      await page.getByText('卡片与账簿相符').waitFor();
    });
    const before = await assets();
    expect(before.reconciliation).toEqual({ cards: { cost: '4500.00', depreciation: '1200.00' }, ledger: { cost: '4500.00', depreciation: '1200.00' } });
    // the cancelled card stays on record, out of the totals
    expect(before.items.map((a) => [a.name, a.cost, a.status]).sort()).toEqual([
      ['会议桌', '3000.00', 'active'],
      ['打印机', '1500.00', 'active'],
      ['打印机', '1600.00', 'cancelled'],
    ]);

    await step('the 会议桌 is sold; the server posts the disposal', tabs, async () => {
      const { page } = accountant;
      await page.getByRole('row', { name: /会议桌/ }).getByRole('button', { name: '处置' }).click();
      const dialog = page.getByRole('dialog', { name: /处置 .* 会议桌/ });
      await dialog.getByRole('radio', { name: '出售' }).check();
      await dialog.getByLabel('处置日期').fill('2026-01-20');
      await dialog.getByLabel('处置收入（可不填）').fill('500');
      await dialog.getByLabel('处置依据').fill('经工会委员会同意出售');
      await dialog.getByRole('button', { name: '处置' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row', { name: /会议桌/ }).waitFor({ state: 'detached' }); // no longer 在用
      await page.getByText('卡片与账簿相符').waitFor();
      // 卡片状态 is a button-style radio group: its inputs are hidden, its labels are what a user clicks
      await page.getByRole('radiogroup', { name: '卡片状态' }).getByText('已处置', { exact: true }).click();
      await page.getByRole('radio', { name: '已处置', checked: true }).waitFor({ state: 'attached' });
      const sold = page.getByRole('row', { name: /会议桌/ });
      await sold.getByText('已处置').waitFor();
      await docShot(page, 'accountant-fixed-assets');
    });

    const after = await assets();
    expect(after.reconciliation).toEqual({ cards: { cost: '1500.00', depreciation: '0.00' }, ledger: { cost: '1500.00', depreciation: '0.00' } });
    const all = (await api.get<Assets>(`/api/unions/${B.id}/fixed-assets?status=disposed`)).items;
    expect(all).toEqual([expect.objectContaining({ name: '会议桌', status: 'disposed', disposal: expect.objectContaining({ kind: 'sale', proceeds: '500.00' }) })]);
    const voucher = await api.get<Voucher>(`/api/unions/${B.id}/vouchers/${all[0].disposal!.voucherId}`);
    expect(voucher.lines.map((l) => `${l.debit ? 'Dr' : 'Cr'} ${l.account} ${l.debit ?? l.credit}`)).toEqual(['Dr 30104 1800.00', 'Dr 163 1200.00', 'Cr 162 3000.00', 'Dr 10201 500.00', 'Cr 408 500.00']);

    expect(web.serverErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

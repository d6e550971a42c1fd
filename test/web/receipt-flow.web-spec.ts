/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, docShot, errors, PHONE, step } from './support/browser';
import { useScene } from './support/scene';
import { choose, documentImage, expectNoSidewaysScroll, login } from './support/ui';

/**
 * Money in, through the UI only (issue 13, the cashier's pages): the cashier records a receipt with its bank
 * slip (a double click records it once), cannot post it; the director posts it; the pooled account's position
 * shows union A's share grown by exactly the receipt and the book balance equal to the shares' total.
 * The union's chair reads the receipt on a 390 px phone. Center settings: the director changes one and makes a
 * rule set from a preset; the accountant sees them, read-only, and is told why.
 */
describe('money pages: a receipt into the position; center settings by permission', () => {
  const web = useScene();
  const tabs = web.tabs;
  const files = mkdtempSync(join(tmpdir(), 'ul-web-receipt-'));

  it('goes from the cashier to the position', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    let receiptPath = '';

    const cashier = await web.tab(DESKTOP);
    await step('cashier records the receipt with its slip', tabs, async () => {
      const { page } = cashier;
      await login(page, scene.people.cashier, `/u/${A.id}/receipts`);
      await page.getByText('没有收款单').waitFor();
      await page.getByRole('button', { name: '登记收款' }).click();
      await choose(page, '收款类型', '拨缴经费');
      await page.getByLabel('金额（元）').fill('12,000.5');
      await page.getByLabel('收款日期').fill('2026-02-10');
      await page.getByLabel('付款方').fill('示范机械厂（行政）');
      await page.getByLabel('银行流水号').fill('HX20260210-0007');
      await documentImage(page, join(files, 'slip.png'), '中国工商银行 收款回单', ['付款人：示范机械厂', '金额：¥12,000.50', '流水号：HX20260210-0007']);
      await page.setInputFiles('#receipt-slip', join(files, 'slip.png'));
      await docShot(page, 'cashier-receipt-entry');
      await page.getByRole('dialog').getByRole('button', { name: '登记', exact: true }).dblclick();
      await page.waitForURL(/\/receipts\/[0-9a-f-]{36}$/);
      receiptPath = new URL(page.url()).pathname;
      await page.getByText('已登记待过账').first().waitFor();
      await page.getByText('¥12,000.50').waitFor();
      await page.getByText('slip.png').waitFor();
      // the cashier never posts (不相容职务): no button offered
      expect(await page.getByRole('button', { name: '审核过账' }).count()).toBe(0);
    });

    const director = await web.tab(DESKTOP);
    await step('director posts it', tabs, async () => {
      const { page } = director;
      await login(page, scene.people.director, `/u/${A.id}/receipts`);
      // recorded once, whatever the double click sent
      await page.getByText('共 1 张').waitFor();
      await page.getByRole('row', { name: /示范机械厂（行政）/ }).click();
      await page.waitForURL(`**${receiptPath}`);
      await page.getByRole('button', { name: '审核过账' }).click();
      await page.getByText('已过账', { exact: true }).first().waitFor();
      await page.getByRole('link', { name: /收-202602-|记-202602-|202602/ }).first().waitFor();
      await docShot(page, 'director-receipt-posted');
    });

    await step('the position shows it', tabs, async () => {
      const { page } = director;
      await page.getByRole('link', { name: /统一账户/ }).first().click();
      await page.waitForURL(`**/c/${scene.centerId}/bank`);
      await page.getByRole('row', { name: /默认/ }).click();
      await page.waitForURL(/\/bank\/[0-9a-f-]{36}/);
      const row = page.getByRole('row', { name: new RegExp(A.name) });
      await row.waitFor();
      // 50,000.00 seeded + 12,000.50 received
      await expect(row.innerText()).resolves.toContain('62,000.50');
      await expect(page.getByTestId('book-balance').innerText()).resolves.toBe('¥62,000.50');
      await docShot(page, 'pooled-account-position');
      // before the receipt's date the share held only the seed
      await page.getByLabel('头寸日期').fill('2026-02-09');
      await page.getByTestId('book-balance').getByText('¥50,000.00').waitFor();
    });

    const chair = await web.tab(PHONE);
    await step('the chair reads it on a phone', tabs, async () => {
      const { page } = chair;
      await login(page, scene.people.chair, `/u/${A.id}/receipts`);
      await page.getByRole('link', { name: /示范机械厂（行政）/ }).click();
      await page.waitForURL(`**${receiptPath}`);
      await page.getByText('已过账', { exact: true }).first().waitFor();
      await page.getByText('slip.png').waitFor();
      await expectNoSidewaysScroll(page);
      expect(await page.getByRole('button', { name: '上传回单' }).count()).toBe(0);
    });

    expect(errors).toEqual([]);
  });

  it('lets the director change the center settings, and shows them read-only to the accountant', async () => {
    const { scene } = web;
    const director = await web.tab(DESKTOP);
    await step('director raises the committee threshold', tabs, async () => {
      const { page } = director;
      await login(page, scene.people.director, `/c/${scene.centerId}/settings`);
      await page.getByRole('link', { name: /中心设置/ }).waitFor();
      await page.getByRole('tab', { name: '报销设置' }).click();
      const threshold = page.getByLabel('集体研究起点（元）');
      await threshold.fill('8,000');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('status').getByText(/已保存/).waitFor();
      await page.getByRole('tab', { name: '审核规则集' }).click();
      await page.getByRole('button', { name: '新建规则集' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称').fill('2026 年报销审核规则');
      await dialog.getByLabel('生效日期').fill('2026-01-01');
      await dialog.getByLabel('依据的预置规则').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await dialog.getByText(/^依据：/).waitFor(); // the preset's rules shown before saving
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('2026 年报销审核规则').waitFor();
      await docShot(page, 'director-center-settings');
    });

    const accountant = await web.tab(DESKTOP);
    await step('the accountant sees the new figure but cannot change it', tabs, async () => {
      const { page } = accountant;
      await login(page, scene.people.accountant, `/c/${scene.centerId}/settings?tab=claims`);
      const threshold = page.getByLabel('集体研究起点（元）');
      await threshold.waitFor();
      expect(await threshold.inputValue()).toBe('8000.00');
      expect(await threshold.isDisabled()).toBe(true);
      await page.getByText('只读：修改须有“设置报销规则”的权限（中心主任）。').waitFor();
      expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
      await page.getByRole('tab', { name: '核算设置' }).click();
      await page.getByText('只读：修改须有“设置中心核算规则”的权限（中心主任）。').waitFor();
      await page.getByRole('tab', { name: '审核规则集' }).click();
      await page.getByText('2026 年报销审核规则').waitFor();
      expect(await page.getByRole('button', { name: '新建规则集' }).count()).toBe(0);
      await page.getByRole('tab', { name: '银行与收款' }).click();
      await page.getByText('只读：修改须有“管理统一账户”的权限（中心主任）。').waitFor();
    });

    expect(errors).toEqual([]);
  });
});

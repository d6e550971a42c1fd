/// <reference lib="dom" />
import { Browser } from 'playwright-core';
import { DESKTOP, docShot, errors, launch, open, step, Tab } from './support/browser';
import { seedScene, Scene } from './support/seed';
import { RunningService, startService } from './support/service';
import { login } from './support/ui';

/**
 * Flow 2 of issue 13, through the UI only: the accountant keys a balanced four-line voucher with the keyboard
 * alone, cannot post it themselves (审核 ≠ 制单), the director posts it, and the trial balance shows it.
 */
describe('a voucher keyed by the accountant, posted by the director', () => {
  let service: RunningService;
  let browser: Browser;
  let scene: Scene;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    service = await startService();
    scene = await seedScene(service.url);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('goes from the keyboard to the trial balance', async () => {
    const A = scene.unions.A;
    let voucherPath = '';

    const accountant = await open(browser, service.url, DESKTOP);
    tabs.push(accountant);
    await step('accountant keys the voucher', tabs, async () => {
      const { page } = accountant;
      await login(page, scene.people.accountant, `/u/${A.id}/vouchers/new`);
      await page.getByLabel('凭证日期').fill('2026-03-20');
      await page.getByLabel('第 1 行摘要').focus();
      const key = async (text: string) => {
        if (text) await page.keyboard.type(text, { delay: 15 });
        await page.keyboard.press('Enter');
      };
      // 摘要 ⏎ 科目 ⏎ 借方 ⏎ — then the next rows keep the 摘要 (⏎), pick an account by code or by name
      await key('购买活动器材');
      await key('50102');
      await key('300');
      await key('');
      await key('宣传活动');
      await key('200.55');
      await key('');
      await key('10201');
      await page.keyboard.press('Enter'); // past 借方
      await key('400');
      await key('');
      await key('101');
      await page.keyboard.press('Enter');
      await page.keyboard.type('='); // the figure that balances the voucher
      await page.getByRole('status').getByText('借贷平衡').waitFor();
      await page.getByRole('status').getByText('伍佰元伍角伍分').waitFor();
      expect(await page.getByLabel('第 4 行贷方金额').inputValue()).toBe('100.55');
      expect(await page.getByLabel('第 2 行摘要').inputValue()).toBe('购买活动器材');
      await docShot(page, 'accountant-voucher-entry');
      await page.keyboard.press('Control+s');
      await page.waitForURL(/\/vouchers\/[0-9a-f-]{36}$/);
      voucherPath = new URL(page.url()).pathname;
      await page.getByText('草稿（未过账）').waitFor();
      // 审核 ≠ 制单: the preparer's own post button is disabled, and the page says why
      await page.getByText('这张凭证由您制单').waitFor();
      expect(await page.getByRole('button', { name: '审核过账' }).isDisabled()).toBe(true);
    });

    const director = await open(browser, service.url, DESKTOP);
    tabs.push(director);
    await step('director posts it from the drafts', tabs, async () => {
      const { page } = director;
      await login(page, scene.people.director, `/u/${A.id}/vouchers?status=draft`);
      await page.getByRole('row', { name: /购买活动器材/ }).click();
      await page.waitForURL(`**${voucherPath}`);
      await page.getByText('制单：李会计').waitFor();
      await page.getByRole('button', { name: '审核过账' }).click();
      await page.getByText('已过账').first().waitFor();
      await page.getByText('记账：周主任').waitFor();
      await page.getByText('审核：周主任').waitFor(); // reviewed by its poster, in the same act
      await page.getByText(/记-202603-\d{4}/).first().waitFor();
      await docShot(page, 'director-voucher-posted');
    });

    await step('trial balance shows it, and leads down to the voucher', tabs, async () => {
      const { page } = director;
      await page.getByRole('link', { name: '科目余额表' }).click();
      await page.getByLabel('起始期间').fill('2026-03');
      await page.getByLabel('截止期间').fill('2026-03');
      await page.waitForURL(/from=2026-03&to=2026-03|to=2026-03.*from=2026-03/);
      const row = page.getByRole('row', { name: /50102 文体活动支出/ });
      await expandTo(page, '501 职工活动支出');
      await expandTo(page, '102 银行存款');
      await row.waitFor();
      expect(await row.innerText()).toContain('300.00');
      await expect(page.getByRole('row', { name: /10201 集中核算户/ }).innerText()).resolves.toContain('400.00');
      await page.getByText('期初、发生额、期末借贷均平衡').waitFor();
      await docShot(page, 'trial-balance');
      await row.getByRole('link', { name: '300.00' }).first().click(); // 本期借方 (期末 is 300.00 too)
      await page.getByText('明细账：50102').waitFor();
      await page.getByRole('link', { name: /记-202603-/ }).first().click();
      await page.waitForURL(`**${voucherPath}`);
    });

    expect(errors).toEqual([]);
  });
});

/** Unfolds a parent row of a tree table (科目余额表 folds by level). */
async function expandTo(page: import('playwright-core').Page, parent: string): Promise<void> {
  const row = page.getByRole('row', { name: new RegExp(parent) });
  await row.waitFor();
  await row.getByRole('button', { name: /展开/ }).click();
}

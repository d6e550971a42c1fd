/// <reference lib="dom" />
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, docShot, errors, PHONE, step } from './support/browser';
import { useScene } from './support/scene';
import { choose, documentImage, expectNoSidewaysScroll, login } from './support/ui';

/**
 * Flow 1 of issue 13, through the UI only: the clerk raises a claim with an uploaded invoice, the chair
 * approves it on a 390 px phone, the accountant reviews it and so prepares the payment voucher, the director
 * checks the voucher (复核), the cashier pays (a double click pays once), the director posts it (记账), and the
 * posted payment voucher appears in the ledger.
 */
describe('a whole claim, from the clerk to the ledger', () => {
  const web = useScene();
  const tabs = web.tabs;
  const files = mkdtempSync(join(tmpdir(), 'ul-web-files-'));

  it('walks the claim through every hand', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    let claimUrl = '';

    const clerk = await web.tab(DESKTOP);
    await step('clerk raises the claim', tabs, async () => {
      const page = clerk.page;
      await login(page, scene.people.clerk);
      await page.getByRole('link', { name: '新建报销' }).first().click();
      await choose(page, '支出类别', '文体');
      await page.getByLabel('事由').fill('职工篮球赛购买篮球');
      await page.getByLabel('发生日期').fill('2026-03-10');
      await choose(page, '列支科目', '文体活动');
      await page.getByLabel('第 1 行 品名/事项').fill('篮球');
      await page.getByLabel('第 1 行数量').fill('10');
      await page.getByLabel('第 1 行单价').fill('120');
      await expectText(page.getByLabel('第 1 行金额'), '1,200.00');
      await page.getByLabel('收款人', { exact: true }).fill('示范体育用品有限公司');
      await page.getByLabel('开户行').fill('中国工商银行示范支行');
      await page.getByLabel('收款账号').fill('6222020200112233445');
      await docShot(page, 'clerk-claim-form');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByText('BX-2026-').first().waitFor();
      claimUrl = new URL(page.url()).pathname;

      await documentImage(page, join(files, 'invoice.png'), '电子发票（普通发票）', ['发票号码：26330000000012345678', '购买方：示范机械厂工会委员会', '项目：篮球 × 10', '价税合计：¥1,200.00']);
      await page.getByLabel('发票号码').fill('26330000000012345678');
      await page.setInputFiles('input[aria-label="选择文件上传"]', join(files, 'invoice.png'));
      await page.getByText('发票：invoice.png').waitFor();
      // the rules of an activity ask for the sign-in list too: the page says so before submission
      await page.getByText('缺少：签到表').waitFor();
      await documentImage(page, join(files, 'sign-in.png'), '职工篮球赛签到表', ['1. 张三', '2. 李四', '3. 王五', '4. 赵六']);
      await choose(page, '单据类别', '签到表');
      await page.setInputFiles('input[aria-label="选择文件上传"]', join(files, 'sign-in.png'));
      await page.getByText('签到表：sign-in.png').waitFor();
      await page.getByText('全部通过').waitFor();
      await page.getByRole('button', { name: '提交审批' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '提交审批' }).click();
      await page.getByText('待主席审批').first().waitFor();
    });

    const chair = await web.tab(PHONE);
    await step('chair approves on a phone', tabs, async () => {
      const page = chair.page;
      await login(page, scene.people.chair);
      const queue = page.getByRole('list', { name: '待我审批' });
      await queue.getByRole('link', { name: /职工篮球赛购买篮球/ }).click();
      await page.waitForURL(`**${claimUrl}`);
      await page.getByText('工会可用资金').waitFor();
      await expectNoSidewaysScroll(page);
      await docShot(page, 'chair-claim-phone');
      await page.getByRole('button', { name: '查看 invoice.png' }).click();
      const img = page.getByRole('dialog').getByRole('img', { name: 'invoice.png' });
      await img.waitFor();
      await page.waitForFunction(() => ((document.querySelector('.ant-modal img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
      await docShot(page, 'chair-invoice-phone');
      await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
      await page.getByRole('toolbar', { name: '操作' }).getByRole('button', { name: '同意' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '同意' }).click();
      await page.getByText('待中心审核').first().waitFor();
      await expectNoSidewaysScroll(page);
    });

    const accountant = await web.tab(DESKTOP);
    await step('accountant reviews', tabs, async () => {
      const page = accountant.page;
      await login(page, scene.people.accountant);
      await page.getByRole('list', { name: '待我审核' }).getByRole('link', { name: /职工篮球赛购买篮球/ }).click();
      await page.getByText('全部通过').waitFor();
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
      await page.getByText('待凭证复核').first().waitFor(); // the accountant prepared the payment voucher
      await page.getByText('草稿（待记账）').waitFor();
    });

    const director = await web.tab(DESKTOP);
    await step('director checks the payment voucher', tabs, async () => {
      const page = director.page;
      await login(page, scene.people.director);
      await page.getByRole('list', { name: '待我复核凭证' }).getByRole('link', { name: /职工篮球赛购买篮球/ }).click();
      await page.getByRole('button', { name: '复核凭证' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '复核凭证' }).click();
      await page.getByText('待付款').first().waitFor();
    });

    const cashier = await web.tab(DESKTOP);
    await step('cashier pays with a double click', tabs, async () => {
      const page = cashier.page;
      await login(page, scene.people.cashier);
      await page.getByRole('list', { name: '待我付款' }).getByRole('link', { name: /职工篮球赛购买篮球/ }).click();
      await page.getByRole('button', { name: '付款' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('付款日期（凭证日期）').fill('2026-03-12');
      await dialog.getByLabel('银行流水号').fill('ICBC20260312000777');
      await dialog.getByRole('button', { name: '付款' }).dblclick();
      await page.getByText('已付款待记账').first().waitFor();
    });

    await step('director posts it (记账), the cashier may not', tabs, async () => {
      const page = director.page;
      await page.goto('/');
      await page.getByRole('list', { name: '待我记账' }).getByRole('link', { name: /职工篮球赛购买篮球/ }).click();
      await page.getByRole('button', { name: '记账' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '记账' }).click();
      await page.getByText('已付款已记账').first().waitFor();
      await page.getByRole('link', { name: /^付-|^记-/ }).first().waitFor();
      // the 支出审批单 as the server prints it
      const [form] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '打印审批单' }).click()]);
      expect(form.suggestedFilename()).toMatch(/^支出审批单-.+\.pdf$/);
      expect(readFileSync(await form.path()).subarray(0, 5).toString()).toBe('%PDF-');
      await cashier.page.reload();
      await cashier.page.getByText('已付款已记账').first().waitFor();
      expect(await cashier.page.getByRole('button', { name: '记账' }).count()).toBe(0);
    });

    await step('the payment voucher is in the ledger', tabs, async () => {
      const page = director.page;
      await page.getByRole('link', { name: /^(付|记)-\d{6}-\d{4}$/ }).first().click();
      await page.waitForURL(/\/vouchers\/[0-9a-f-]{36}$/);
      const heading = page.getByRole('heading', { name: /记账凭证/ });
      await heading.waitFor();
      const number = /(付|记)-\d{6}-\d{4}/.exec(await heading.innerText())![0];
      await page.getByText('制单：').waitFor();
      await page.getByRole('link', { name: /^50102 / }).click();
      await page.getByText('明细账：50102').waitFor();
      const line = page.getByRole('row', { name: new RegExp(number) });
      await line.waitFor();
      expect(await line.innerText()).toContain('1,200.00');
      await docShot(page, 'ledger-with-claim-payment');
    });

    await step('one payment, one voucher', tabs, async () => {
      const accountantApi = await scene.as(scene.people.accountant);
      const vouchers = await accountantApi.get(`/api/unions/${A.id}/vouchers?status=posted&pageSize=50`);
      const payments = (vouchers.items as { source: string }[]).filter((v) => v.source === 'claim');
      expect(payments).toHaveLength(1);
      const claim = await accountantApi.get(claimUrl.replace(`/u/${A.id}`, `/api/unions/${A.id}`));
      expect(claim.status).toBe('posted');
    });

    expect(errors).toEqual([]);
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}

/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { DESKTOP, docShot, errors, PHONE, step } from './support/browser';
import { registerDefaultAccount } from './support/bank';
import { Scene } from './support/seed';
import { useScene } from './support/scene';
import { login } from './support/ui';

const ROLL = ['2026年2月会费名册', '会员编号,姓名,工资基数', 'M001,张三,6789.99', 'M002,李四,4321.00', 'M003,王五,5000.00', ''].join('\n');
const BROKEN = ['姓名,工资基数', '张三,5000', ',4000', '王五,abc', ''].join('\n');
const STATEMENT = ['交易日期,收入,支出,余额,对方户名,交易流水号,摘要', '2026-01-05,50000.00,,50000.00,示范机械厂,,拨缴经费', '2026-02-20,800.00,,50800.00,示范区体育局,,赛事补助', ''].join('\n');

/** How far the page itself scrolls sideways at a phone's width (the check: at most the 390 px). */
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/**
 * 会费名册 through the UI only (issue 13): the cashier on a phone imports a month's roll (a bad sheet is refused
 * row by row, nothing kept), reads each member's dues and the rule, and sees 已收 and 差额 follow the dues
 * receipt — the server's figures, checked against the API; the chair reads it with the reason it is read-only.
 * Then the bank pages at 390 px: the pooled account, its position, statements (imported on the phone), the
 * matching queue, the 调节表 and the allocations, none wider than the phone.
 */
describe('the dues roll and the bank pages on a phone', () => {
  const files = mkdtempSync(join(tmpdir(), 'ul-web-dues-'));
  const web = useScene({ setup: (scene) => pooledAccount(scene, files) });
  const tabs = web.tabs;

  it('the cashier imports a dues roll, the receipt shows as paid, the chair reads it', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    const { page } = await web.tab(PHONE);
    let rollId = '';

    await step('a bad sheet is refused with its rows named, nothing kept', tabs, async () => {
      await login(page, scene.people.cashier, `/u/${A.id}/dues`);
      await page.getByLabel('会费月份').fill('2026-02');
      await page.setInputFiles('input[aria-label="选择会费名册文件"]', join(files, 'broken.csv'));
      const refused = page.getByRole('alert');
      await refused.getByRole('cell', { name: '缺少姓名' }).waitFor();
      await refused.getByRole('cell', { name: '工资基数' }).first().waitFor();
      await page.getByText('尚未导入会费名册').waitFor();
    });

    await step('the good sheet is imported: members, dues by the rule, 应收 from the server', tabs, async () => {
      await page.setInputFiles('input[aria-label="选择会费名册文件"]', join(files, 'roll-2026-02.csv'));
      // the center's default rule: bases to 10 yuan, 0.5%, to the fen, half up — 33.90 + 21.60 + 25.00
      await page.getByRole('status').getByText('已导入2026年2月会费名册：3 人，应收会费 ¥80.50').waitFor();
      await page.getByTestId('dues-total').getByText('¥80.50').waitFor();
      await page.getByText('工资基数按 10 元取整，按 0.5% 计收，算到分，四舍五入').waitFor();
      const members = page.getByRole('list', { name: '会员' });
      await members.getByText('张三').waitFor();
      await expect(members.innerText()).resolves.toContain('¥33.90');
      const rolls = await (await scene.as(scene.people.cashier)).get<Record<string, any>[]>(`/api/unions/${A.id}/dues-rolls?period=2026-02`);
      expect(rolls.map((r) => [r.total, r.received, r.difference])).toEqual([['80.50', '0.00', '80.50']]);
      rollId = rolls[0].id;
      const list = page.getByRole('list', { name: '会费名册' });
      await expect(list.innerText()).resolves.toMatch(/应收 ¥80\.50[\s\S]*已收 ¥0\.00[\s\S]*差额 ¥80\.50/);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await docShot(page, 'cashier-dues-roll-phone');
    });

    await step('the month’s dues receipt makes it paid', tabs, async () => {
      const cashier = await scene.as(scene.people.cashier);
      const receipt = await cashier.request('POST', `/api/unions/${A.id}/receipts`, { kind: 'dues', amount: '80.50', date: '2026-02-25', payer: '会员', dues: { period: '2026-02', rollId } }, [201], {
        'Idempotency-Key': 'web-dues-0001',
      });
      const director = await scene.as(scene.people.director);
      await director.post(`/api/unions/${A.id}/receipts/${receipt.id}/post`);
      await page.reload();
      const list = page.getByRole('list', { name: '会费名册' });
      await list.getByText('已收 ¥80.50').waitFor();
      await list.getByText('差额 ¥0.00').waitFor();
    });

    await step('the chair reads the roll and is told why it is read-only', tabs, async () => {
      const chair = (await web.tab(DESKTOP)).page;
      await login(chair, scene.people.chair, `/u/${A.id}/dues`);
      await chair.getByText('只读：导入会费名册须有“登记收款”的权限（出纳）。').waitFor();
      expect(await chair.getByRole('button', { name: '导入名册' }).count()).toBe(0);
      await chair.getByRole('menuitem', { name: '会费名册' }).waitFor();
      await chair.getByRole('row', { name: /2026年2月/ }).click();
      await chair.getByRole('row', { name: /合计（3 人）.*¥80\.50/ }).waitFor();
      const paid = chair.getByRole('row', { name: /2026年2月/ }).first();
      await expect(paid.innerText()).resolves.toMatch(/¥80\.50[\s\S]*¥80\.50[\s\S]*¥0\.00/);
      await docShot(chair, 'chair-dues-roll');
    });

    expect(errors).toEqual([]);
    expect(web.serverErrors).toEqual([]);
  });

  it('the bank pages fit a 390 px phone', async () => {
    const { scene } = web;
    const { page } = await web.tab(PHONE);
    await step('pooled accounts, position, statements, matching, 调节表, allocations', tabs, async () => {
      await login(page, scene.people.cashier, `/c/${scene.centerId}/bank`);
      await page.getByRole('list', { name: '统一账户' }).getByText('1202000000000000001').click();
      await page.getByTestId('book-balance').waitFor();
      await page.getByRole('list', { name: '工会份额' }).getByText(scene.unions.A.name).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.getByRole('tab', { name: '对账单' }).click();
      await page.setInputFiles('input[aria-label="选择对账单文件"]', join(files, 'statement.csv'));
      await page.getByText('新增 2 笔流水').waitFor();
      await page.getByRole('list', { name: '银行流水' }).getByText('示范区体育局').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await docShot(page, 'cashier-statements-phone');

      await page.getByRole('tab', { name: '勾对' }).click();
      await page.getByRole('list', { name: '最近确认的勾对' }).getByText('金额相同、同日').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.getByRole('tab', { name: '余额调节表' }).click();
      await page.getByText(/调节后余额/).first().waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.goto(`/c/${scene.centerId}/allocations`);
      await page.getByText('分配批次', { exact: true }).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    });
    expect(errors).toEqual([]);
  });
});

/** The default pooled account registered (statements and receipts need its bank details); the files. */
async function pooledAccount(scene: Scene, files: string): Promise<void> {
  await registerDefaultAccount(scene);
  writeFileSync(join(files, 'roll-2026-02.csv'), ROLL);
  writeFileSync(join(files, 'broken.csv'), BROKEN);
  writeFileSync(join(files, 'statement.csv'), STATEMENT);
}

/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, docShot, errors, step } from './support/browser';
import { registerDefaultAccount } from './support/bank';
import { Scene } from './support/seed';
import { useScene } from './support/scene';
import { downloaded, login } from './support/ui';
import { pdfText } from '../support/pdf-text';

const HEADER = '交易日期,收入,支出,余额,对方户名,交易流水号,摘要';
const LINES = [
  '2026-01-05,50000.00,,50000.00,示范机械厂,,拨缴经费', // the seed's voucher: same amount, same day
  '2026-02-10,12000.50,,62000.50,示范机械厂,HX20260210-0007,拨缴经费', // the receipt's reference
  '2026-02-27,800.00,,62800.50,示范区体育局,,赛事补助', // two days after its receipt: proposed
  '2026-02-28,500.00,,63300.50,示范区文化馆,,场地退款', // two days after its receipt: proposed, rejected, then matched by hand
];

/**
 * Bank statements through the UI only (issue 13, the cashier's reconciliation): a broken file is refused with
 * its problems in Chinese and nothing imported; the good file is imported and matched automatically; the
 * cashier confirms one proposal, rejects another and matches it by hand; the 银行存款余额调节表 agrees with
 * no open item and the cashier signs it off.
 */
describe('a bank statement imported, matched, reconciled and signed off', () => {
  const files = mkdtempSync(join(tmpdir(), 'ul-web-statement-'));
  const web = useScene({ setup: (scene) => pooledAccountWithReceipts(scene, files) });
  const tabs = web.tabs;

  it('goes from the file to the signed 调节表', async () => {
    const { scene } = web;
    const { page } = await web.tab(DESKTOP);

    await step('a broken file is refused with its problems, nothing imported', tabs, async () => {
      await login(page, scene.people.cashier, `/c/${scene.centerId}/bank`);
      await page.getByRole('row', { name: /1202000000000000001/ }).click();
      await page.getByRole('tab', { name: '对账单' }).click();
      await page.setInputFiles('input[aria-label="选择对账单文件"]', join(files, 'broken.csv'));
      const refused = page.getByRole('alert').filter({ hasText: '未作任何处理' });
      await refused.waitFor();
      await refused.getByText(/余额/).first().waitFor();
      await page.getByText('尚未导入对账单').waitFor();
    });

    await step('the good file is imported with a saved column format and matched automatically', tabs, async () => {
      await page.getByRole('button', { name: '新建格式' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('银行', { exact: true }).fill('中国工商银行');
      await dialog.getByLabel('格式名称').fill('网银明细导出');
      await dialog.getByLabel('收入列').fill('收入');
      await dialog.getByLabel('支出列').fill('支出');
      await dialog.getByLabel('流水号列（可不填）').fill('交易流水号');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('中国工商银行 · 网银明细导出').waitFor();
      await page.setInputFiles('input[aria-label="选择对账单文件"]', join(files, 'icbc-2026-02.csv'));
      await page.getByText('新增 4 笔流水').waitFor();
      await page.getByText(/自动勾对 2 笔；2 笔可信度低/).waitFor();
      await docShot(page, 'cashier-statement-import');
    });

    await step('one proposal confirmed, one rejected and matched by hand', tabs, async () => {
      await page.getByRole('tab', { name: '勾对' }).click();
      await page.getByText('待确认（2）').waitFor();
      const queue = page.locator('.ant-table').first();
      await queue.getByRole('row', { name: /800\.00/ }).getByRole('button', { name: '确认' }).click();
      await page.getByText('待确认（1）').waitFor();
      await queue.getByRole('row', { name: /500\.00/ }).getByRole('button', { name: '驳回' }).click();
      await page.getByText('待确认（0）').waitFor();
      const manual = page.locator('.ant-card').filter({ hasText: '手工勾对' });
      await manual.getByRole('row', { name: /2026-02-28.*500\.00/ }).getByRole('checkbox').check();
      await manual.getByRole('row', { name: /2026-02-26.*500\.00/ }).getByRole('checkbox').check();
      await manual.getByRole('status').getByText('相等').waitFor();
      await docShot(page, 'cashier-manual-match');
      await manual.getByRole('button', { name: '勾对' }).click();
      await page.getByRole('row', { name: /手工勾对/ }).waitFor();
    });

    await step('the 调节表 agrees with no open item and is signed off', tabs, async () => {
      await page.getByRole('tab', { name: '余额调节表' }).click();
      await page.getByLabel('调节表日期').fill('2026-02-28');
      await page.getByText('调节后余额相符，差额 ¥0.00').waitFor();
      await page.getByText('没有未达账项').waitFor();
      const book = page.getByRole('table', { name: '企业账面' });
      await expect(book.innerText()).resolves.toContain('63,300.50');
      await page.getByRole('button', { name: '签认对账' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '签认', exact: true }).click();
      await page.getByText(/对账截至 2026-02-28，王出纳/).waitFor();
      await docShot(page, 'cashier-bank-reconciliation');
      const printed = await downloaded(page, page.getByRole('button', { name: '打印调节表' }), /\/reconciliation\.pdf\?date=2026-02-28/);
      expect(printed.type).toMatch(/^application\/pdf/);
      const text = (await pdfText(printed.bytes)).text;
      expect(text).toContain('银行存款余额调节表');
      expect(text).toContain('63,300.50');
    });

    expect(errors).toEqual([]);
  });
});

/** The default pooled account registered; three receipts of union A recorded by the cashier, posted by the director; the files. */
async function pooledAccountWithReceipts(scene: Scene, files: string): Promise<void> {
  const A = scene.unions.A;
  await registerDefaultAccount(scene);
  const director = await scene.as(scene.people.director);
  const cashier = await scene.as(scene.people.cashier);
  const receipts = [
    { kind: 'allocation', amount: '12000.50', date: '2026-02-10', payer: '示范机械厂', bankReference: 'HX20260210-0007' },
    { kind: 'other', amount: '800.00', date: '2026-02-25', payer: '示范区体育局' },
    { kind: 'other', amount: '500.00', date: '2026-02-26', payer: '示范区文化馆' },
  ];
  for (const [i, r] of receipts.entries()) {
    const receipt = await cashier.request('POST', `/api/unions/${A.id}/receipts`, r, [201], { 'Idempotency-Key': `web-statement-${i}` });
    await director.post(`/api/unions/${A.id}/receipts/${receipt.id}/post`);
  }
  writeFileSync(join(files, 'broken.csv'), [HEADER, LINES[0], LINES[1].replace('62000.50', '62000.05'), ''].join('\n'));
  writeFileSync(join(files, 'icbc-2026-02.csv'), [HEADER, ...LINES, ''].join('\n'));
}

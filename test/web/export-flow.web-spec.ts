/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DESKTOP, docShot, errors, step } from './support/browser';
import { useScene } from './support/scene';
import { login } from './support/ui';

/**
 * Flow 3 of issue 13, through the UI only: the center's auditor starts an audit pack of union A, watches the job
 * to its end and downloads the workbook — the very file whose SHA-256 the page shows; then reads the union's
 * integrity result and its audit log, and is offered nothing their role may not do.
 */
describe('an auditor exports a pack and downloads it', () => {
  const web = useScene();
  const tabs = web.tabs;

  it('starts the export, sees it finish, downloads the file, reads integrity and the log', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    const auditor = await web.tab(DESKTOP);
    const { page } = auditor;
    const menu = page.getByRole('navigation', { name: '主菜单' });

    await step('auditor starts the audit pack', tabs, async () => {
      await login(page, scene.people.auditor, `/u/${A.id}`);
      // the auditor reads and exports; entering vouchers or raising claims is not theirs
      await menu.getByRole('link', { name: '导出账表' }).click();
      expect(await page.getByRole('link', { name: '录入凭证' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: '新建报销' }).count()).toBe(0);
      await page.getByRole('heading', { name: '导出账表' }).waitFor();
      await page.getByText('审计资料包').first().waitFor(); // the default
      await page.getByLabel('起始期间').fill('2026-01');
      await page.getByLabel('截止期间').fill('2026-03');
      await page.getByRole('button', { name: '开始导出' }).click();
      await page.waitForURL(/job=[0-9a-f-]{36}/);
      await page.getByText('审计资料包').last().waitFor();
      await page.getByText('2026年1月 至 2026年3月').waitFor();
    });

    const shown = await step('the job runs to its end', tabs, async () => {
      await page.getByText('已完成').waitFor({ timeout: 180_000 });
      await docShot(page, 'auditor-export');
      const sha = (await page.locator('code').filter({ hasText: /^[0-9a-f]{64}$/ }).innerText()).trim();
      const fileName = (await page.getByText(/\.xlsx（/).innerText()).split('（')[0];
      return { sha, fileName };
    });

    await step('the download is the file the page describes', tabs, async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载' }).click()]);
      expect(download.suggestedFilename()).toBe(shown.fileName);
      const path = await download.path();
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown.sha);
      // a reload keeps the job (it lives in the address), already done
      await page.reload();
      await page.getByRole('button', { name: '下载' }).waitFor();
    });

    await step('integrity in plain words', tabs, async () => {
      await menu.getByRole('link', { name: '完整性校验' }).click();
      await page.getByText('账簿与日志完整').waitFor();
      await page.getByText(/条账簿变动记录/).first().waitFor(); // the books chain, holding the seeded funding voucher
      await docShot(page, 'auditor-integrity');
    });

    await step('the audit log, filtered', tabs, async () => {
      await menu.getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志' }).waitFor();
      await page.getByLabel('动作').fill('voucher.post');
      await page.getByLabel('动作').press('Enter');
      await page.waitForURL(/action=voucher\.post/);
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().getByText('voucher.post').waitFor();
      expect(await rows.count()).toBe(1);
      await rows.first().click(); // unfolds what the record changed
      await page.getByText('变更后').waitFor();
    });

    expect(errors).toEqual([]);
  });
});

/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { formatMoney } from '../../src/web/money/money';
import { DESKTOP, docShot, errors, step } from './support/browser';
import { useScene } from './support/scene';
import { login } from './support/ui';

type Row = { code: string; closingDebit: string; closingCredit: string };

/**
 * Issue 13's closing pages, through the UI: the accountant closes January after the pre-close checklist and
 * sees the 期末结转 voucher it made (401 and 50102 to zero, their result in 32203), the trial balance and the
 * 01表/02表 show the server's figures, the center's consolidation names the union not yet closed, and opening
 * balances are refused while unbalanced. No request of the flow answers 401 or 5xx.
 */
describe('closing a month, its statements, opening balances', () => {
  const web = useScene({
    setup: async (scene) => {
      const A = scene.unions.A.id;
      const accountant = await scene.as(scene.people.accountant);
      const director = await scene.as(scene.people.director);
      for (const lines of [
        [
          { summary: '收到会费', account: '10201', debit: '3000.00' },
          { summary: '收到会费', account: '401', credit: '3000.00' },
        ],
        [
          { summary: '职工文体活动', account: '50102', debit: '800.00' },
          { summary: '职工文体活动', account: '10201', credit: '800.00' },
        ],
      ]) {
        const draft = await accountant.post(`/api/unions/${A}/vouchers`, { date: '2026-01-20', lines });
        await director.post(`/api/unions/${A}/vouchers/${draft.id}/post`);
      }
    },
  });
  const tabs = web.tabs;

  it('closes January and shows the closing entries, the trial balance and the statements', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    const api = await scene.as(scene.people.accountant);
    const tab = await web.tab(DESKTOP);
    const { page } = tab;

    await step('the checklist, then 结账', tabs, async () => {
      await login(page, scene.people.accountant, `/u/${A.id}/periods?from=2026-01&to=2026-02`);
      await page.getByRole('row', { name: /2026年1月/ }).getByRole('button', { name: '结账' }).click();
      const dialog = page.getByRole('dialog', { name: '结账 2026年1月' });
      const checks = dialog.locator('.ant-list').filter({ hasText: '结账前检查' });
      await checks.getByText('2026年1月已结束').waitFor();
      await checks.getByText('本月没有未过账的凭证').waitFor();
      await checks.getByText('没有已批准未记账的报销单').waitFor();
      await checks.getByText('以前月份均已结账').waitFor();
      expect(await checks.getByText('通过').count()).toBe(4);
      await docShot(page, 'accountant-close-checklist');
      await dialog.getByRole('button', { name: '结账' }).click();
      // the banner's own words: the month's row reads the same once the list reloads ("2026年1月" + "已结账")
      await page.getByText('2026年1月已结账', { exact: true }).waitFor();
    });

    const tb = await api.get<{ rows: Row[] }>(`/api/unions/${A.id}/trial-balance?from=2026-01&to=2026-01&includeZero=true`);
    const row = (code: string) => tb.rows.find((r) => r.code === code)!;
    // the server's own books: income and expense at zero, their result in 32203 (50000 + 3000 − 800)
    for (const code of ['401', '402', '50102']) expect([row(code).closingDebit, row(code).closingCredit]).toEqual(['0.00', '0.00']);
    expect(row('32203').closingCredit).toBe('52200.00');

    await step('the closing voucher moved 401 and 50102 into 32203', tabs, async () => {
      await page.getByRole('status').getByRole('link', { name: /记-202601-/ }).first().click();
      await page.waitForURL(/\/vouchers\/[0-9a-f-]{36}$/);
      await page.getByText('32203').first().waitFor();
      const text = await page.locator('main').innerText();
      // income out by its debit, expense out by its credit, each against 32203 (not netted): 3000 + 50000 = 53000, 800
      for (const figure of ['3,000.00', '50,000.00', '53,000.00', '800.00']) expect(text).toContain(figure);
      await docShot(page, 'accountant-closing-voucher');
    });

    await step('the trial balance shows 32203 as the server has it', tabs, async () => {
      await page.goto(`/u/${A.id}/trial-balance?from=2026-01&to=2026-01`);
      const parent = page.getByRole('row', { name: /322 工会资金结余/ });
      await parent.waitFor();
      await parent.getByRole('button', { name: /展开/ }).click();
      const r32203 = page.getByRole('row', { name: /32203 本年收支结转/ });
      await r32203.waitFor();
      expect(await r32203.innerText()).toContain(formatMoney(row('32203').closingCredit));
    });

    await step('01表 and 02表 show the server’s figures', tabs, async () => {
      for (const [kind, label] of [
        ['balance-sheet', '01表 资产负债表'],
        ['income-expenditure', '02表 收入支出表'],
      ] as const) {
        await page.goto(`/u/${A.id}/statements?kind=${kind}&period=2026-01`);
        const s = await api.get<{ title: string; lines: { label: string; values: string[] }[] }>(`/api/unions/${A.id}/statements/${kind}?period=2026-01`);
        await page.getByRole('heading', { name: s.title }).waitFor();
        expect(await page.getByRole('radio', { name: label }).isChecked()).toBe(true);
        const shown = await page.locator('.ant-table-row').allInnerTexts();
        const nonZero = s.lines.filter((l) => l.values.some((v) => v !== '0.00'));
        expect(nonZero.length).toBeGreaterThan(0);
        for (const line of nonZero) {
          const r = shown.find((t) => t.includes(line.label));
          expect(r).toBeDefined();
          for (const v of line.values) if (v !== '0.00') expect(r).toContain(formatMoney(v));
        }
        if (kind === 'balance-sheet') await page.getByText('资产总计 = 负债和净资产总计').waitFor();
        await docShot(page, `statements-${kind}`);
      }
    });

    await step('the center’s consolidation names the union not yet closed', tabs, async () => {
      await page.goto(`/c/${scene.centerId}/statements?period=2026-01`);
      await page.getByText('尚未结账的工会（1）').waitFor();
      await page.getByText(scene.unions.B.name).waitFor();
    });

    expect(web.serverErrors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('refuses opening balances while they do not balance, then takes them', async () => {
    const { scene } = web;
    const B = scene.unions.B; // nothing posted yet: its opening balances are open
    const tab = await web.tab(DESKTOP);
    const { page } = tab;
    await step('unbalanced, refused; balanced, saved', tabs, async () => {
      await login(page, scene.people.accountant, `/u/${B.id}/opening`);
      await page.getByRole('heading', { name: '期初余额' }).waitFor();
      await pick(page, '第 1 行科目', '10201');
      await page.getByLabel('第 1 行借方余额').fill('1000');
      await pick(page, '第 2 行科目', '32205');
      await page.getByLabel('第 2 行贷方余额').fill('999.99');
      await page.getByText('借贷不平衡，差额 0.01').waitFor();
      await page.getByRole('button', { name: '保存期初余额' }).click();
      await page.getByRole('alert').getByText(/期初余额不平衡/).waitFor();
      expect(await page.getByLabel('已保存的借方合计').innerText()).toBe('0.00');
      await page.getByLabel('第 2 行贷方余额').fill('1000.00');
      await page.getByRole('status').getByText('借贷平衡').waitFor();
      await docShot(page, 'accountant-opening-balances');
      await page.getByRole('button', { name: '保存期初余额' }).click();
      await page.getByText('期初余额已保存').waitFor();
      await page.getByLabel('已保存的借方合计').getByText('1,000.00').waitFor();
    });
    const saved = await (await scene.as(scene.people.accountant)).get<{ totalDebit: string; totalCredit: string }>(`/api/unions/${B.id}/opening-balances`);
    expect([saved.totalDebit, saved.totalCredit]).toEqual(['1000.00', '1000.00']);
    expect(web.serverErrors).toEqual([]);
  });

  it("closes the center's month in the background (批量结账) and shows each union's outcome", async () => {
    const { scene } = web;
    const api = await scene.as(scene.people.accountant);
    const tab = await web.tab(DESKTOP);
    const { page } = tab;
    await step('start the close run, follow it to the end', tabs, async () => {
      await login(page, scene.people.accountant, `/c/${scene.centerId}/close?period=2026-01`);
      await page.getByRole('heading', { name: '批量结账' }).waitFor();
      await page.getByRole('button', { name: '结账本中心全部可结账的工会' }).click();
      await page.waitForURL(/[?&]run=[0-9a-f-]{36}/);
      await page.getByText('已完成', { exact: true }).first().waitFor({ timeout: 120_000 });
    });
    const runId = new URL(page.url()).searchParams.get('run')!;
    const run = await api.get<{ progress: Record<string, number>; unions: { items: { code: string; name: string; outcome: string }[] } }>(
      `/api/centers/${scene.centerId}/close-runs/${runId}`,
    );
    const p = run.progress;
    expect(p).toMatchObject({ done: p.total, pending: 0, failed: 0 });
    // A was closed by hand in the first test: closed before; B (opening balances only) closes now
    expect(run.unions.items.find((u) => u.name === scene.unions.A.name)?.outcome).toBe('already');
    expect(run.unions.items.find((u) => u.name === scene.unions.B.name)?.outcome).toBe('closed');
    await step('the page says what the server has', tabs, async () => {
      await page.getByRole('status').getByText(`${p.total} 个工会，已处理 ${p.total}：本次结账 ${p.closed}，此前已结账 ${p.already}，未能结账 ${p.refused}`).waitFor();
      await page.getByRole('listitem').filter({ hasText: scene.unions.B.name }).getByText('本次结账').waitFor();
      await page.getByRole('listitem').filter({ hasText: scene.unions.A.name }).getByText('此前已结账').waitFor();
      await docShot(page, 'accountant-batch-close');
      // and the center's runs are listed below
      await page.getByText('本中心的批量结账').waitFor();
    });
    expect(web.serverErrors).toEqual([]);
  });
});

async function pick(page: Page, label: string, code: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(code);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${code} `) }).first().click();
}

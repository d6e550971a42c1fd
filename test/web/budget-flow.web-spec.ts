/// <reference lib="dom" />
import { formatMoney } from '../../src/web/money/money';
import { DESKTOP, docShot, errors, PHONE, step } from './support/browser';
import { useScene } from './support/scene';
import { choose, expectNoSidewaysScroll, login } from './support/ui';

type Execution = { budget: { version: number } | null; lines: { account: string; budget: string; actual: string; remaining: string }[] };

/**
 * Issue 13's budget pages, through the UI: the accountant drafts the year's budget, the chair approves it on a
 * 390 px phone with the committee's and the 经审会's dates, and sees its execution as the server computes it
 * (budget, actual, remaining) without sideways scrolling; the director sets the center's budget control to
 * block; the fixed-asset register agrees with 162/163. Then a 预算调整: drafted from the approved lines with a
 * reason, approved by the chair; the first version is superseded and the execution follows the adjustment.
 */
describe('a budget drafted, approved on a phone, executed', () => {
  const web = useScene();
  const tabs = web.tabs;

  it('goes from the draft to the execution on the chair’s phone', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    const accountant = await web.tab(DESKTOP);
    await step('the accountant drafts the budget', tabs, async () => {
      const { page } = accountant;
      await login(page, scene.people.accountant, `/u/${A.id}/budgets?year=2026`);
      await page.getByRole('button', { name: '编制预算' }).click();
      const dialog = page.getByRole('dialog', { name: '编制 2026 年预算' });
      await choose(page, '第 1 行预算科目', '402 拨缴经费收入');
      await dialog.getByLabel('第 1 行预算金额').fill('60000');
      await choose(page, '第 2 行预算科目', '501 职工活动支出');
      await dialog.getByLabel('第 2 行预算金额').fill('10,000.5');
      await dialog.getByText('支出预算合计 10,000.50').waitFor();
      await dialog.getByRole('button', { name: '保存草稿' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row', { name: /第 1 版（原预算）.*草稿/ }).waitFor();
      // the accountant prepares; approving is the union's (the chair's)
      expect(await page.getByRole('button', { name: '批准' }).count()).toBe(0);
    });

    const chair = await web.tab(PHONE);
    await step('the chair approves it on a phone', tabs, async () => {
      const { page } = chair;
      await login(page, scene.people.chair, `/u/${A.id}/budgets?year=2026`);
      await page.getByRole('button', { name: '批准' }).click();
      const dialog = page.getByRole('dialog', { name: /批准 2026 年预算/ });
      await dialog.getByLabel('工会委员会审议日期').fill('2026-01-15');
      await dialog.getByLabel('经审会审查日期（可不填）').fill('2026-01-12');
      await dialog.getByRole('button', { name: '批准' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('现行（已批准）').first().waitFor();
      await page.getByText(/现行预算：第 1 版（委员会 2026-01-15 审议）/).waitFor();
    });

    const execution = await (await scene.as(scene.people.chair)).get<Execution>(`/api/unions/${A.id}/budget-execution/2026`);
    expect(execution.budget?.version).toBe(1);
    await step('the execution, as the server has it, on the phone', tabs, async () => {
      const { page } = chair;
      for (const account of ['402', '501']) {
        const line = execution.lines.find((l) => l.account === account)!;
        const card = page.getByLabel(new RegExp(`^${account} `));
        await card.waitFor();
        const text = await card.innerText();
        for (const figure of [line.budget, line.actual, line.remaining]) expect(text).toContain(formatMoney(figure));
      }
      expect(execution.lines.find((l) => l.account === '402')).toMatchObject({ budget: '60000.00', actual: '50000.00' });
      await expectNoSidewaysScroll(page);
      await docShot(page, 'chair-budget-execution');
    });

    const director = await web.tab(DESKTOP);
    await step('the director blocks spending over budget; the register agrees with the ledger', tabs, async () => {
      const { page } = director;
      await login(page, scene.people.director, `/c/${scene.centerId}/books-settings`);
      // wait on state, never on a message: the choice is checked (check() verifies it), and the server's answer
      // is back when the page shows when the settings were last changed (a new center has never changed them)
      await page.getByText('尚未设置，使用默认：每月结转、不检查预算。').waitFor();
      await page.getByRole('radio', { name: '禁止超预算' }).check();
      await page.getByRole('button', { name: '保存设置' }).click();
      await page.getByText(/^最近修改：/).waitFor();
      expect(await page.getByRole('radio', { name: '禁止超预算', checked: true }).count()).toBe(1);
      const settings = await (await scene.as(scene.people.director)).get<{ budgetControl: string }>(`/api/centers/${scene.centerId}/books-settings`);
      expect(settings.budgetControl).toBe('block');
      await page.goto(`/u/${A.id}/fixed-assets`);
      await page.getByText('卡片与账簿相符').waitFor();
    });

    expect(web.serverErrors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('adjusts the approved budget through the chair’s approval; the execution follows the adjustment', async () => {
    const { scene } = web;
    const A = scene.unions.A;
    const accountant = await web.tab(DESKTOP);
    await step('the accountant drafts an adjustment from the approved lines', tabs, async () => {
      const { page } = accountant;
      await login(page, scene.people.accountant, `/u/${A.id}/budgets?year=2026`);
      await page.getByRole('button', { name: '预算调整' }).click();
      const dialog = page.getByRole('dialog', { name: '2026 年预算调整' });
      // it starts from the approved version's lines
      await dialog.getByText('支出预算合计 10,000.50').waitFor();
      await dialog.getByLabel('调整原因').fill('职工运动会规模扩大，经委员会研究追加活动支出');
      await dialog.getByLabel('第 2 行预算金额').fill('15,000');
      await dialog.getByText('支出预算合计 15,000.00').waitFor();
      await dialog.getByRole('button', { name: '保存草稿' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row', { name: /第 2 版（调整）.*草稿.*职工运动会规模扩大/ }).waitFor();
      // the approved version stays in force until the adjustment is approved
      await page.getByText(/现行预算：第 1 版/).waitFor();
    });

    const chair = await web.tab(PHONE);
    await step('the chair approves the adjustment on a phone', tabs, async () => {
      const { page } = chair;
      await login(page, scene.people.chair, `/u/${A.id}/budgets?year=2026`);
      await page.getByRole('button', { name: '批准' }).click();
      const dialog = page.getByRole('dialog', { name: /批准 2026 年预算/ });
      await dialog.getByLabel('工会委员会审议日期').fill('2026-06-18');
      await dialog.getByRole('button', { name: '批准' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText(/现行预算：第 2 版（委员会 2026-06-18 审议）/).waitFor();
      await page.getByText('已被调整取代').first().waitFor();
      const card = page.getByLabel(/^501 /);
      await card.getByText('15,000.00').first().waitFor();
      await expectNoSidewaysScroll(page);
    });

    const api = await scene.as(scene.people.accountant);
    const versions = await api.get<{ version: number; kind: string; status: string }[]>(`/api/unions/${A.id}/budgets?year=2026`);
    expect(versions.map((v) => [v.version, v.kind, v.status]).sort()).toEqual([
      [1, 'original', 'superseded'],
      [2, 'adjustment', 'approved'],
    ]);
    const execution = await api.get<Execution>(`/api/unions/${A.id}/budget-execution/2026`);
    expect(execution.budget?.version).toBe(2);
    expect(execution.lines.find((l) => l.account === '501')).toMatchObject({ budget: '15000.00' });
    expect(execution.lines.find((l) => l.account === '402')).toMatchObject({ budget: '60000.00', actual: '50000.00' });

    expect(web.serverErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

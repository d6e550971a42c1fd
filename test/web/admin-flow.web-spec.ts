/// <reference lib="dom" />
import { DESKTOP, docShot, errors, step } from './support/browser';
import { useScene } from './support/scene';
import { ADMIN } from './support/service';
import { choose, login } from './support/ui';

/**
 * The administrator's and the chart's pages, through the UI only: the admin adds a union and a user, grants
 * the user a role, is told in Chinese why a second, incompatible role is refused (不相容职务), and the user's
 * first login asks for a new password; the accountant adds a 明细科目 to the union's chart.
 */
describe('administration and the chart of accounts', () => {
  const web = useScene({ fundsForA: '0' });
  const tabs = web.tabs;

  it('adds a union and a user, grants a role, explains a refused one; the accountant extends the chart', async () => {
    const { scene } = web;
    const admin = await web.tab(DESKTOP);
    const { page } = admin;
    const menu = page.getByRole('navigation', { name: '主菜单' });
    const username = `cashier.${Date.now().toString(36)}`;
    let password = '';

    await step('admin adds a union', tabs, async () => {
      await login(page, { id: '', username: ADMIN.username, password: ADMIN.password, displayName: '' });
      await menu.getByRole('link', { name: '中心与工会' }).click();
      await page.getByRole('button', { name: '新建工会' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, '核算中心', '示范市总工会');
      await dialog.getByLabel('工会编码').fill(`9133WEB${Date.now().toString(36).toUpperCase()}`);
      await dialog.getByLabel('工会名称').fill('示范电子厂工会委员会');
      await dialog.getByRole('button', { name: '创建' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('link', { name: '示范电子厂工会委员会' }).waitFor();
    });

    await step('admin adds a user, who gets a password shown once', tabs, async () => {
      await menu.getByRole('link', { name: '用户与授权' }).click();
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名').fill('吴出纳');
      await dialog.getByRole('button', { name: '创建' }).click();
      await page.getByRole('heading', { name: `吴出纳（${username}）` }).waitFor();
      password = (await page.getByLabel('初始密码').innerText()).trim();
      expect(password.length).toBeGreaterThanOrEqual(8);
      await page.getByText('尚无授权').waitFor();
    });

    await step('a grant, and a refused incompatible one', tabs, async () => {
      await choose(page, '角色', '出纳');
      await choose(page, '核算中心', '示范市总工会');
      await page.getByRole('button', { name: '授权' }).click();
      await page.getByRole('cell', { name: '出纳' }).waitFor();
      await page.getByRole('cell', { name: /核算中心：示范市总工会/ }).waitFor();
      await choose(page, '角色', '会计');
      await choose(page, '核算中心', '示范市总工会');
      await page.getByRole('button', { name: '授权' }).click();
      await page.getByRole('alert').getByText(/不相容职务：同一人不能在同一核算中心兼任(会计和出纳|出纳和会计)/).waitFor();
      expect(await page.getByRole('cell', { name: '会计', exact: true }).count()).toBe(0);
      await docShot(page, 'admin-user-grants');
    });

    const cashier = await web.tab(DESKTOP);
    await step('the new user must choose a password at first login', tabs, async () => {
      await cashier.page.goto('/login');
      await cashier.page.getByLabel('用户名').fill(username);
      await cashier.page.getByLabel('密码').fill(password);
      await cashier.page.getByRole('button', { name: '登录' }).click();
      await cashier.page.waitForURL(/\/password/);
    });

    const accountant = await web.tab(DESKTOP);
    await step('the accountant adds a 明细科目', tabs, async () => {
      const p = accountant.page;
      await login(p, scene.people.accountant, `/u/${scene.unions.A.id}/accounts`);
      await p.getByRole('heading', { name: '会计科目' }).waitFor();
      await p.getByLabel('查找科目').fill('50102');
      await p.getByRole('button', { name: '在 50102 下增设明细科目' }).click();
      const dialog = p.getByRole('dialog');
      await dialog.getByLabel('科目编码').fill('01');
      await dialog.getByLabel('科目名称').fill('职工篮球赛');
      await dialog.getByRole('button', { name: '增设' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.getByRole('row', { name: /5010201/ }).getByText('自设').waitFor();
      // a clerk reads the chart but may not change it
      const clerk = await web.tab(DESKTOP);
      await login(clerk.page, scene.people.clerk, `/u/${scene.unions.A.id}/accounts`);
      await clerk.page.getByRole('heading', { name: '会计科目' }).waitFor();
      await clerk.page.getByLabel('查找科目').fill('篮球');
      await clerk.page.getByRole('row', { name: /5010201/ }).waitFor();
      expect(await clerk.page.getByRole('button', { name: /增设明细/ }).count()).toBe(0);
    });

    expect(errors).toEqual([]);
  });
});

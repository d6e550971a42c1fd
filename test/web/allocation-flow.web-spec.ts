/// <reference lib="dom" />
import { DESKTOP, docShot, errors, step } from './support/browser';
import { useScene } from './support/scene';
import { login } from './support/ui';

type Funds = { balance: string; reserved: string; available: string };
type Batches = { total: number; items: { id: string; status: string; rowCount: number }[] };

const HEADER = '工会编码,工会名称,金额,类型,摘要';

/**
 * The bank pages' two remaining steps, through the UI only (issue 13 on issue 11's API): the cashier checks an
 * allocation file (a bad one shows its problems row by row in Chinese and saves nothing), uploads the good one as
 * a batch, and cannot post it; the director posts it and each union's funds grow by exactly its row. Then union B
 * leaves the center (退出集中核算): refused without its own bank account while its share holds money, then done
 * with one, and the books hold the payout: B's share is empty and B is withdrawn.
 */
describe('allocation of a pooled credit to unions; a union withdraws', () => {
  const web = useScene({ fundsForA: '0' });
  const tabs = web.tabs;

  it('allocates a credit, then pays union B out', async () => {
    const { scene } = web;
    const { A, B } = scene.unions;
    const director = await scene.as(scene.people.director);
    const codeOf = async (id: string) => (await director.get<{ code: string }>(`/api/unions/${id}`)).code;
    const [codeA, codeB] = [await codeOf(A.id), await codeOf(B.id)];
    const funds = (id: string) => director.get<Funds>(`/api/unions/${id}/funds`);
    const batches = () => director.get<Batches>(`/api/centers/${scene.centerId}/allocations?page=1&pageSize=20`);

    const cashier = await web.tab(DESKTOP);
    await step('the cashier checks a bad file: every problem named, nothing saved', tabs, async () => {
      const { page } = cashier;
      await login(page, scene.people.cashier, `/c/${scene.centerId}/allocations`);
      await page.getByText('尚无分配批次').waitFor();
      await page.getByLabel('到账日期').fill('2026-02-10');
      await page.getByLabel('到账金额（元）').fill('1,500');
      await page.getByLabel('到账流水号').fill('HB-20260210-01');
      await page.getByLabel('付款单位').fill('示范市总工会');
      const bad = [HEADER, `${codeA},,1000.00,拨缴经费,一季度经费返还`, `NO-SUCH-UNION,,400.00,拨缴经费,`, `${codeB},,100.005,上级补助,`].join('\n');
      await page.getByLabel('分配文件').setInputFiles({ name: '分配表.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: '校验' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.innerText();
      // the problems of rows 3 and 4 (the header is row 1), in the server's Chinese, under 行 / 列 / 问题
      const row3 = alert.getByRole('row', { name: /^3 / });
      await expect(row3.innerText()).resolves.toContain('本中心没有编码为 NO-SUCH-UNION 的工会');
      await expect(alert.getByRole('row', { name: /^4 / }).innerText()).resolves.toContain('金额应为大于零、最多两位小数的数字');
      expect(text).not.toMatch(/ALLOCATION_INVALID/);
      expect((await batches()).total).toBe(0);
    });

    await step('the good file checks and uploads as a batch the cashier cannot post', tabs, async () => {
      const { page } = cashier;
      const good = [HEADER, `${codeA},,1000.00,拨缴经费,一季度经费返还`, `${codeB},,500.00,上级补助,`].join('\n');
      await page.getByLabel('分配文件').setInputFiles({ name: '分配表.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: '校验' }).click();
      await page.getByText('校验通过：2 行，合计 ¥1,500.00，与到账金额 ¥1,500.00 相符。').waitFor();
      expect((await batches()).total).toBe(0); // 校验 saves nothing
      await page.getByRole('button', { name: '上传为待过账批次' }).click();
      await page.waitForURL(/\/allocations\/[0-9a-f-]{36}$/);
      await page.getByText('已校验待过账').first().waitFor();
      // the batch's two rows (one page: the list shows no 共 N 行 then)
      await page.getByRole('row', { name: /拨缴经费.*¥1,000\.00/ }).waitFor();
      await page.getByRole('row', { name: /上级补助.*¥500\.00/ }).waitFor();
      expect(await page.getByRole('button', { name: '过账' }).count()).toBe(0);
      await docShot(page, 'cashier-allocation-batch');
    });
    const [batch] = (await batches()).items;
    expect(batch).toMatchObject({ status: 'validated', rowCount: 2 });
    expect(await funds(A.id)).toMatchObject({ balance: '0.00' });

    const directorTab = await web.tab(DESKTOP);
    await step('the director posts the batch', tabs, async () => {
      const { page } = directorTab;
      await login(page, scene.people.director, `/c/${scene.centerId}/allocations/${batch.id}`);
      await page.getByRole('button', { name: '过账' }).click();
      await page.getByText('已过账', { exact: true }).waitFor();
      await page.getByRole('button', { name: '过账' }).waitFor({ state: 'detached' });
    });
    expect((await batches()).items[0].status).toBe('posted');
    expect(await funds(A.id)).toMatchObject({ balance: '1000.00', available: '1000.00' });
    expect(await funds(B.id)).toMatchObject({ balance: '500.00', available: '500.00' });

    await step('union B withdraws: refused without its own account, then paid out to it', tabs, async () => {
      const { page } = directorTab;
      await page.goto(`/u/${B.id}`);
      await page.getByText('500.00', { exact: true }).first().waitFor(); // 可用 (an antd Statistic: ¥ apart)
      await page.getByRole('button', { name: '退出集中核算' }).click();
      const dialog = page.getByRole('dialog', { name: `${B.name} 退出集中核算` });
      await dialog.getByLabel('退出原因').fill('工会自行开立银行账户');
      await dialog.getByLabel('退出凭证日期').fill('2026-03-31');
      await dialog.getByRole('button', { name: '办理退出' }).click();
      // the share holds money: the server asks where it goes, and nothing changed
      await dialog.getByRole('alert').waitFor();
      expect(await dialog.getByRole('alert').innerText()).toMatch(/账户/);
      expect((await director.get<{ status: string }>(`/api/unions/${B.id}`)).status).toBe('active');
      await dialog.getByLabel('开户行').fill('中国建设银行示范支行');
      await dialog.getByLabel('户名').fill(B.name);
      await dialog.getByLabel('账号').fill('33050161234500001234');
      await dialog.getByLabel('划款银行流水号').fill('TK-20260331-01');
      await dialog.getByRole('button', { name: '办理退出' }).click();
      await page.getByText('已退出集中核算').waitFor();
      expect(await page.getByRole('button', { name: '退出集中核算' }).count()).toBe(0);
    });
    expect((await director.get<{ status: string }>(`/api/unions/${B.id}`)).status).toBe('withdrawn');
    expect(await funds(B.id)).toMatchObject({ balance: '0.00', available: '0.00' });
    // A's share is untouched by B's payout
    expect(await funds(A.id)).toMatchObject({ balance: '1000.00' });

    expect(web.serverErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

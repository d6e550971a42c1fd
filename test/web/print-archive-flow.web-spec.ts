/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { pdfText } from '../support/pdf-text';
import { DESKTOP, docShot, errors, step } from './support/browser';
import { useScene } from './support/scene';
import { downloaded, login } from './support/ui';

type VoucherList = { items: { id: string; displayNumber: string; date: string; summary: string }[] };
type Openings = { lines: { account: string; debit: string | null; credit: string | null }[] };
type Packages = { id: string; state: string; scope: string; from: string }[];

/** An xlsx of opening balances as another package exports it: a title row above the header. */
async function openingSheet(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('期初余额');
  ws.addRow(['期初余额表（某某财务软件导出）']);
  ws.addRow(['科目编码', '科目名称', '方向', '期初余额']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Issue 14's controls in the web app, through the UI only: a posted voucher and the month's vouchers printed
 * (each a PDF whose text holds the voucher's number), the 数据接口 downloads on 导出账表 (the GB/T 24589 zip and
 * the hledger journal), the 数据导入 page (a bad opening-balance xlsx shows its row problems in Chinese and
 * imports nothing; the good one replaces the openings), and the 会计档案 register (a closed month archived, the
 * package done, its 四性 check passed).
 */
describe('print, data interface, import and archive from the web app', () => {
  const web = useScene({
    // January is closed, so it can be archived
    setup: async (scene) => {
      const accountant = await scene.as(scene.people.accountant);
      await accountant.post(`/api/unions/${scene.unions.A.id}/periods/2026-01/close`, {});
    },
  });
  const tabs = web.tabs;

  it('prints, downloads the data interface, imports openings and archives a month', async () => {
    const { scene } = web;
    const { A, B } = scene.unions;
    const api = await scene.as(scene.people.accountant);
    // the scene's receipt of 50,000.00 (January's close added its 期末结转 voucher beside it)
    const voucher = (await api.get<VoucherList>(`/api/unions/${A.id}/vouchers?page=1&pageSize=20`)).items.find((v) => v.summary === '收到拨缴经费')!;
    expect(voucher.displayNumber).toBeTruthy();

    const accountant = await web.tab(DESKTOP);
    await step('the accountant prints a voucher and the month', tabs, async () => {
      const { page } = accountant;
      await login(page, scene.people.accountant, `/u/${A.id}/vouchers/${voucher.id}`);
      const one = await downloaded(page, page.getByRole('button', { name: '打印（PDF）' }), /\/vouchers\/[0-9a-f-]{36}\.pdf/);
      expect(one.type).toMatch(/^application\/pdf/);
      expect(one.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect((await pdfText(one.bytes)).text).toContain(voucher.displayNumber);

      await page.goto(`/u/${A.id}/vouchers?from=2026-01&to=2026-01`);
      await page.getByRole('link', { name: voucher.displayNumber }).first().waitFor();
      const month = await downloaded(page, page.getByRole('button', { name: '打印本月凭证' }), /\/vouchers\.pdf\?period=2026-01/);
      expect(month.type).toMatch(/^application\/pdf/);
      expect(month.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(month.name).toBe('记账凭证-2026-01.pdf');
      const text = (await pdfText(month.bytes)).text;
      expect(text).toContain(voucher.displayNumber);
      expect(text).toContain(A.name);
    });

    const auditor = await web.tab(DESKTOP);
    await step('the auditor downloads the data interface files', tabs, async () => {
      const { page } = auditor;
      await login(page, scene.people.auditor, `/u/${A.id}/exports?from=2026-01&to=2026-01`);
      const gbt = await downloaded(page, page.getByRole('button', { name: '国标数据接口（GB/T 24589）' }), /\/interchange\/gbt24589\?/);
      expect(gbt.type).toMatch(/^application\/zip/);
      expect(gbt.name).toMatch(/^GBT24589-.*-2026-01-2026-01\.zip$/);
      const zip = await JSZip.loadAsync(gbt.bytes);
      expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['公共档案.xml', '总账.xml']));
      expect(await zip.file('总账.xml')!.async('string')).toContain('50000.00');

      const journal = await downloaded(page, page.getByRole('button', { name: '纯文本日记账（hledger）' }), /\/interchange\/journal\?/);
      expect(journal.type).toMatch(/^text\/plain/);
      const lines = journal.bytes.toString('utf8');
      expect(lines).toContain(`2026-01-05 * (${voucher.displayNumber})`);
      expect(lines).toMatch(/10201 [^\n]*  50000\.00/);
      expect(lines).toMatch(/402 [^\n]*  -50000\.00/);
    });

    await step('the accountant imports opening balances: a bad file refused row by row, then the good one', tabs, async () => {
      const { page } = accountant;
      await page.goto(`/u/${B.id}/interchange`);
      const card = page.locator('.ant-card').filter({ hasText: '从其他软件导入期初余额（Excel）' });
      const bad = await openingSheet([
        ['101', '库存现金', '借', 1000], // row 3
        ['10A', '乱码', '借', 1], // 4: bad code
        ['10201', '集中核算户', '贷', 100], // 5: wrong side
        ['32205', '累计结余', '贷', 999], // 6: and the whole does not balance
      ]);
      await card.getByLabel('从其他软件导入期初余额（Excel）').setInputFiles({ name: '期初余额.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
      await card.getByRole('button', { name: '导入', exact: true }).click();
      const alert = card.getByRole('alert');
      await alert.waitFor();
      const said = await alert.innerText();
      expect(said).toContain('未导入任何数据');
      expect(said).toMatch(/第 4 行：科目编码“10A”不正确/);
      expect(said).toMatch(/第 5 行：方向“贷”与科目 10201/);
      expect(said).toContain('期初余额借贷不平衡');
      expect(said).not.toMatch(/INTERCHANGE_/);
      expect((await api.get<Openings>(`/api/unions/${B.id}/opening-balances`)).lines).toEqual([]);

      const good = await openingSheet([
        ['101', '库存现金', '借', 1200.5],
        ['10201', '集中核算户', '借', '48,800.00'],
        ['215', '其他应付款', '贷', 3000],
        ['21501', '互助金', '贷', 3000],
        ['32205', '累计结余', '贷', 47000.5],
      ]);
      await card.getByLabel('从其他软件导入期初余额（Excel）').setInputFiles({ name: '期初余额.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
      await card.getByRole('button', { name: '导入', exact: true }).click();
      await card.getByText('已导入').waitFor();
      const result = await card.locator('.ant-descriptions').innerText();
      expect(result).toMatch(/借方合计：?\s*50,000\.50/); // as money, not the raw decimal
      expect(result).toMatch(/新增明细科目\s*1/);
      await docShot(page, 'accountant-opening-import');
      const openings = (await api.get<Openings>(`/api/unions/${B.id}/opening-balances`)).lines.map((l) => [l.account, l.debit ?? `-${l.credit}`]);
      expect(openings).toEqual([
        ['101', '1200.50'],
        ['10201', '48800.00'],
        ['21501', '-3000.00'],
        ['32205', '-47000.50'],
      ]);
    });

    const director = await web.tab(DESKTOP);
    await step('the director archives January and checks the package', tabs, async () => {
      const { page } = director;
      await login(page, scene.people.director, `/u/${A.id}/archive`);
      await page.getByText('还没有档案包').waitFor();
      await page.getByLabel('归档期间').fill('2026-01');
      await page.getByRole('button', { name: '归档', exact: true }).click();
      const row = page.getByRole('row', { name: /月度归档\s+2026-01/ });
      await row.getByText('已归档').waitFor({ timeout: 300_000 });
      await row.getByRole('button', { name: '校验' }).click();
      const dialog = page.getByRole('dialog', { name: '档案包四性检测' });
      await dialog.getByText(/档案包通过四性检测/).waitFor();
      // 真实性, 完整性, 可用性, 安全性 and the register's hash: each passed
      expect(await dialog.getByText('通过', { exact: true }).count()).toBe(5);
      expect(await dialog.getByText('不通过').count()).toBe(0);
      // in words, not the API's codes
      await dialog.getByText(/元数据签名有效，检查点签名有效/).waitFor();
      await docShot(page, 'director-archive-verified');
    });
    const packages = await (await scene.as(scene.people.director)).get<Packages>(`/api/unions/${A.id}/archives`);
    expect(packages).toEqual([expect.objectContaining({ scope: 'month', from: '2026-01', state: 'done' })]);

    expect(web.serverErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

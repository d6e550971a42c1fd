import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { postVoucher } from '../support/builders';
import { claimBody, claimUnion, postedClaim } from '../support/claims';
import { binary, pdfText } from '../support/pdf-text';
import { Http, startTestApp, TestApp } from '../support/test-app';

const grouped = (a: string) => a.replace(/\B(?=(\d{3})+(?!\d))/, ',');

/** Issue 14: the audit pack with its PDFs — one zip, the workbook and PDFs of the same books, by request. */
describe('audit pack with PDFs', () => {
  let t: TestApp;
  let unionId: string;
  let auditor: Http;
  let files: Record<string, Buffer>;
  let job: { id: string; fileName: string; sha256: string };

  beforeAll(async () => {
    t = await startTestApp({ env: { EXPORT_DIR: join(mkdtempSync(join(tmpdir(), 'ul-exports-pdf-')), 'exports') } });
    const p = await claimUnion(t, { funds: '20000.00', noDocumentRules: true });
    unionId = p.unionId;
    await postVoucher(t, unionId, '2026-01-05', [{ account: '101', debit: '1500.00', summary: '提取备用金' }, { account: '10201', credit: '1500.00', summary: '提取备用金' }]);
    await postVoucher(t, unionId, '2026-02-10', [{ account: '50101', debit: '120.50', summary: '培训教材' }, { account: '101', credit: '120.50', summary: '培训教材' }]);
    await postedClaim(t, p, claimBody('800.00', { eventDate: '2026-02-15' }), { date: '2026-02-20', bankReference: 'B1' });
    auditor = (await t.userWith([{ role: 'auditor', unionId }], 'auditor')).http;

    const created = await auditor().post(`/api/unions/${unionId}/exports`).send({ kind: 'audit-pack', from: '2026-01', to: '2026-02', pdf: true });
    expect([created.status, created.body.state]).toEqual([202, 'queued']);
    let state = created.body;
    // a deadline: the worker compiles its sources, then prints, on a loaded machine
    for (const deadline = Date.now() + 240_000; Date.now() < deadline && state.state !== 'done' && state.state !== 'failed'; ) {
      await sleep(200);
      state = (await auditor().get(`/api/unions/${unionId}/exports/${created.body.id}`).expect(200)).body;
    }
    expect([state.state, state.error]).toEqual(['done', null]);
    job = state;
    const file = await auditor().get(`/api/unions/${unionId}/exports/${job.id}/file`).buffer(true).parse(binary);
    expect([file.status, file.headers['content-type']]).toEqual([200, 'application/zip']);
    expect(createHash('sha256').update(file.body as Buffer).digest('hex')).toBe(job.sha256);
    const zip = await JSZip.loadAsync(file.body as Buffer);
    files = {};
    for (const name of Object.keys(zip.files)) files[name] = await zip.files[name].async('nodebuffer');
  }, 400_000);
  afterAll(() => t?.close());

  it('holds the workbook, each month of vouchers and the books as PDF, and a list of them', async () => {
    expect(job.fileName).toMatch(/审计资料包（含PDF）-202601-202602\.zip$/);
    const xlsx = Object.keys(files).find((n) => n.endsWith('.xlsx'))!;
    expect(Object.keys(files).sort()).toEqual([
      'PDF/明细账-2026-01至2026-02.pdf',
      'PDF/现金日记账-2026-01至2026-02.pdf',
      'PDF/科目余额表-2026-01至2026-02.pdf',
      'PDF/财务报表-2026-01至2026-02.pdf',
      'PDF/记账凭证-2026-01.pdf',
      'PDF/记账凭证-2026-02.pdf',
      'PDF/银行存款日记账-2026-01至2026-02.pdf',
      xlsx,
      '说明.txt',
    ].sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[xlsx] as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('科目余额表');
    const readme = files['说明.txt'].toString('utf8');
    for (const name of Object.keys(files).filter((n) => n.startsWith('PDF/'))) expect(readme).toMatch(new RegExp(`${name.replace(/[.()]/g, '\\$&')}\\s+\\d+ 页`));
    for (const name of Object.keys(files).filter((n) => n.endsWith('.pdf'))) expect(files[name].subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('prints the 科目余额表 with every row and figure of the API', async () => {
    const { text } = await pdfText(files['PDF/科目余额表-2026-01至2026-02.pdf']);
    const tb = (await auditor().get(`/api/unions/${unionId}/trial-balance?from=2026-01&to=2026-02`).expect(200)).body;
    expect(tb.rows.length).toBeGreaterThan(3);
    for (const r of tb.rows) {
      expect(text).toContain(`${r.code}${r.name}`);
      for (const k of ['debit', 'credit', 'closingDebit', 'closingCredit']) {
        if (r[k] !== '0.00') expect([r.code, k, text.includes(grouped(r[k]))]).toEqual([r.code, k, true]);
      }
    }
  });

  it('prints each month of vouchers behind its cover, every voucher of the month in number order', async () => {
    for (const month of ['2026-01', '2026-02']) {
      const list = (await auditor().get(`/api/unions/${unionId}/vouchers?from=${month}&to=${month}&pageSize=100`).expect(200)).body.items;
      const posted = list.filter((v: { number: string | null }) => v.number).map((v: { number: string }) => v.number).sort();
      expect(posted.length).toBeGreaterThan(0);
      const { text } = await pdfText(files[`PDF/记账凭证-${month}.pdf`]);
      expect(text).toContain('会计凭证封面');
      const at = posted.map((n: string) => text.indexOf(n));
      expect(at.every((i: number) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
    const feb = (await pdfText(files['PDF/记账凭证-2026-02.pdf'])).text;
    for (const s of ['培训教材', '120.50', '800.00', '捌佰元整']) expect(feb).toContain(s);
  });

  it('prints the 明细账 and 日记账 with their subtotals and the closing balance of the API', async () => {
    const ledger = (await pdfText(files['PDF/明细账-2026-01至2026-02.pdf'])).text;
    for (const s of ['本月合计', '本年累计', '培训教材']) expect(ledger).toContain(s);
    const cash = (await pdfText(files['PDF/现金日记账-2026-01至2026-02.pdf'])).text;
    const api = (await auditor().get(`/api/unions/${unionId}/ledger?account=101&from=2026-01&to=2026-02&pageSize=500`).expect(200)).body;
    expect(api.closing.amount).toBe('1379.50');
    expect(cash).toContain(grouped(api.closing.amount));
    for (const p of api.periods) for (const a of [p.debit, p.credit]) if (a !== '0.00') expect(cash).toContain(grouped(a));
  });

  it('refuses a malformed option', async () => {
    const bad = await auditor().post(`/api/unions/${unionId}/exports`).send({ kind: 'audit-pack', from: '2026-01', to: '2026-01', pdf: 'yes' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

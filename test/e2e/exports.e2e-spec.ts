import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inflateRawSync } from 'node:zlib';
import { fund, newUnion, postVoucher } from '../support/builders';
import { claimBody, claimUnion, postedClaim } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function workbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** The rows under the header (row 3) as arrays of cell values, column A first. */
function body(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 3) out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

/** An API amount as its cell: a number, or blank where it is zero (as ledgers print). */
const cell = (v: string) => (Number(v) === 0 ? undefined : Number(v));

/** A folder of its own for a test app's exports, created by the service (not by the test). */
const exportDir = () => join(mkdtempSync(join(tmpdir(), 'ul-exports-')), 'nested', 'exports');

/** Permission bits of a file or folder, as in `ls -l` (0o600, 0o700). */
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Audit exports: workbooks that open, carry the API's figures, and reach only the unions of one's grants. */
describe('audit exports', () => {
  let t: TestApp;
  let unionId: string;
  let auditor: Http;
  const dir = exportDir();
  beforeAll(async () => {
    t = await startTestApp({ env: { EXPORT_RETENTION_MINUTES: '60', EXPORT_DIR: dir } });
    const p = await claimUnion(t, { funds: '20000.00', noDocumentRules: true });
    unionId = p.unionId;
    await postVoucher(t, unionId, '2026-01-05', [{ account: '101', debit: '500.00', summary: '提取备用金' }, { account: '10201', credit: '500.00', summary: '提取备用金' }]);
    await postVoucher(t, unionId, '2026-02-10', [{ account: '50101', debit: '120.50', summary: '培训教材' }, { account: '101', credit: '120.50', summary: '培训教材' }]);
    await postedClaim(t, p, claimBody('800.00', { eventDate: '2026-02-15' }), { date: '2026-02-20', bankReference: 'B1' });
    auditor = (await t.userWith([{ role: 'auditor', unionId }], 'auditor')).http;
  });
  afterAll(() => t.close());

  const direct = (http: Http, kind: string, from = '2026-01', to = '2026-02') =>
    http().get(`/api/unions/${unionId}/export?kind=${kind}&from=${from}&to=${to}`).buffer(true).parse(binary);

  it('exports the trial balance with the figures and totals of the API, as numbers with the money format', async () => {
    const res = await direct(auditor, 'trial-balance');
    expect([res.status, res.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const wb = await workbook(res.body);
    const ws = wb.getWorksheet('科目余额表')!;
    expect(ws.getCell('A1').value).toBe('科目余额表');
    expect((ws.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['科目编码', '科目名称', '级次']);
    const api = (await auditor().get(`/api/unions/${unionId}/trial-balance?from=2026-01&to=2026-02`).expect(200)).body;
    const rows = body(ws);
    expect(rows.length).toBe(api.rows.length + 1);
    for (const [i, r] of api.rows.entries()) {
      expect([rows[i][0], rows[i][3], rows[i][4], rows[i][5], rows[i][6], rows[i][7], rows[i][8]]).toEqual([
        r.code, ...[r.openingDebit, r.openingCredit, r.debit, r.credit, r.closingDebit, r.closingCredit].map(cell),
      ]);
    }
    const totals = rows[rows.length - 1];
    expect(totals.slice(3)).toEqual(['openingDebit', 'openingCredit', 'debit', 'credit', 'closingDebit', 'closingCredit'].map((k) => cell(api.totals[k])));
    const moneyCell = ws.getRow(4).getCell(6);
    expect([typeof moneyCell.value, moneyCell.numFmt]).toEqual(['number', '#,##0.00;[Red]-#,##0.00']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection).toMatchObject({ sheet: true });
    expect(wb.title).toContain('科目余额表');
    expect(wb.creator).toBe('auditor');
  });

  it('exports every voucher line in the journal, with dates as dates and the totals of the lines', async () => {
    const wb = await workbook((await direct(auditor, 'voucher-journal')).body);
    const rows = body(wb.getWorksheet('凭证序时簿')!);
    const { rows: lines } = await t.sql.query(`SELECT sum(debit)::text AS d, sum(credit)::text AS c, count(*)::int AS n FROM voucher_lines WHERE union_id = $1 AND voucher_date BETWEEN '2026-01-01' AND '2026-02-28'`, [unionId]);
    expect(rows.length).toBe(lines[0].n + 1);
    expect(rows[0][0]).toBeInstanceOf(Date);
    expect(rows[rows.length - 1].slice(6, 8)).toEqual([Number(lines[0].d), Number(lines[0].c)]);
    expect(rows.some((r) => r[1] && String(r[1]).startsWith('记-202602'))).toBe(true);
  });

  it('runs the audit pack as a job whose progress ends in a downloadable workbook with the integrity of the books', async () => {
    const created = await auditor().post(`/api/unions/${unionId}/exports`).send({ kind: 'audit-pack', from: '2026-01', to: '2026-02' });
    expect([created.status, created.body.state]).toEqual([202, 'queued']);
    const seen: string[] = [];
    let job = created.body;
    // a deadline, not a count: the worker thread compiles its sources first, slowly on a loaded machine
    for (const deadline = Date.now() + 90_000; Date.now() < deadline && job.state !== 'done' && job.state !== 'failed'; ) {
      await sleep(50);
      job = (await auditor().get(`/api/unions/${unionId}/exports/${created.body.id}`).expect(200)).body;
      seen.push(`${job.state}:${job.percent}`);
    }
    expect(job).toMatchObject({ state: 'done', percent: 100, error: null });
    expect(job.rowsDone).toBeGreaterThan(0);
    const file = await auditor().get(`/api/unions/${unionId}/exports/${job.id}/file`).buffer(true).parse(binary);
    expect(file.status).toBe(200);
    expect(require('node:crypto').createHash('sha256').update(file.body).digest('hex')).toBe(job.sha256);
    const wb = await workbook(file.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '封面', '工会01表 资产负债表', '工会02表 收入支出表', '预算执行情况', '科目余额表', '总账', '凭证序时簿', '明细账', '现金日记账', '银行存款日记账', '报销单', '审批记录', '附件清单', '操作日志',
    ]);
    const cover = new Map(body(wb.getWorksheet('封面')!).map((r) => [r[0], r[1]]));
    const integrity = (await t.http().get(`/api/unions/${unionId}/integrity`).expect(200)).body;
    expect(String(cover.get('完整性校验结果'))).toMatch(/^通过/);
    expect(String(cover.get('账簿链头'))).toContain(integrity.records.head.hash);
    // the ledger's running balances end where the trial balance closes
    const ledger = body(wb.getWorksheet('现金日记账')!);
    expect(ledger[ledger.length - 1]).toEqual(['101', '库存现金', undefined, undefined, '期末余额', 500, 120.5, '借', 379.5]);
    const claims = body(wb.getWorksheet('报销单')!);
    expect(claims).toHaveLength(1);
    expect(claims[0].slice(1, 2)).toEqual(['已付款已记账']);
    expect(body(wb.getWorksheet('审批记录')!).map((r) => r[2])).toEqual(['创建', '提交', '审批', '审核', '复核', '付款', '记账']);
    // a second download is the same file
    const again = await auditor().get(`/api/unions/${unionId}/exports/${job.id}/file`).buffer(true).parse(binary);
    expect(Buffer.compare(again.body, file.body)).toBe(0);
  });

  it('keeps finished files readable by the service only: 0600 in a 0700 folder', async () => {
    const created = await auditor().post(`/api/unions/${unionId}/exports`).send({ kind: 'voucher-journal', from: '2026-01', to: '2026-02' }).expect(202);
    await done(created.body.id);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, `${created.body.id}.xlsx`))).toBe(0o600);
    expect(readdirSync(dir).map((f) => [f, modeOf(join(dir, f))]).filter(([, mode]) => mode !== 0o600)).toEqual([]);
  });

  it('says when a file is not ready, failed or no longer kept', async () => {
    const created = await auditor().post(`/api/unions/${unionId}/exports`).send({ kind: 'trial-balance', from: '2026-01', to: '2026-01' }).expect(202);
    const id = created.body.id;
    await done(id);
    const file = () => auditor().get(`/api/unions/${unionId}/exports/${id}/file`);
    // each state a job passes through before its file exists, set on the real job (the worker is too quick to catch)
    const states: [string, number, string | null, string][] = [
      ['queued', 0, null, '导出尚未完成'],
      ['running', 40, null, '40%'],
      ['failed', 0, '导出失败，请重试；如仍失败请联系管理员', '导出失败'],
    ];
    for (const [state, percent, error, says] of states) {
      await t.sql.query(`UPDATE export_jobs SET state = $2, percent = $3, error = $4 WHERE id = $1`, [id, state, percent, error]);
      const res = await file();
      expect([state, res.status, res.body.code, res.body.details]).toEqual([state, 409, 'EXPORT_NOT_READY', { state, percent }]);
      expect(res.body.message).toContain(says);
    }
    await t.sql.query(`UPDATE export_jobs SET state = 'done', percent = 100, error = NULL WHERE id = $1`, [id]);
    expect((await file()).status).toBe(200);
    await t.sql.query(`UPDATE export_jobs SET state = 'expired' WHERE id = $1`, [id]);
    const gone = await file();
    expect([gone.status, gone.body.code]).toEqual([410, 'EXPORT_EXPIRED']);
    const bad = await auditor().post(`/api/unions/${unionId}/exports`).send({ kind: 'audit-pack', from: '2026-03', to: '2026-01' });
    expect([bad.status, bad.body.code]).toEqual([400, 'PERIOD_RANGE_INVALID']);
  });

  /** Waits for a job of union A to finish; fails the test if it does not. */
  async function done(id: string): Promise<void> {
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      const job = (await auditor().get(`/api/unions/${unionId}/exports/${id}`).expect(200)).body;
      if (job.state === 'done') return;
      if (job.state === 'failed') throw new Error(`export ${id} failed: ${job.error}`);
      await sleep(50);
    }
    throw new Error(`export ${id} did not finish`);
  }

  it('shows in the ledgers the same lines, running balances and closing figures as GET …/ledger', async () => {
    const wb = await workbook((await direct(auditor, 'subsidiary-ledgers')).body);
    const rows = body(wb.getWorksheet('明细账')!);
    for (const code of ['101', '10201', '50101']) {
      const api = (await auditor().get(`/api/unions/${unionId}/ledger?account=${code}&from=2026-01&to=2026-02&pageSize=500`).expect(200)).body;
      const mine = rows.filter((r) => r[0] === code);
      expect(mine[0].slice(4)).toEqual(['期初余额', undefined, undefined, api.opening.direction, cell(api.opening.amount)]);
      const entries = mine.slice(1, -1).filter((r) => r[4] !== '本月合计' && r[4] !== '本年累计');
      expect(entries.map((r) => [r[3], r[4], r[5] ?? null, r[6] ?? null, r[7], r[8]])).toEqual(
        api.lines.map((l: Record<string, string | null>) => [l.voucherNumber, l.summary, l.debit && Number(l.debit), l.credit && Number(l.credit), l.direction, cell(l.balance!)]),
      );
      expect(mine[mine.length - 1].slice(7)).toEqual([api.closing.direction, cell(api.closing.amount)]);
    }
  });

  it('exports 工会01表 and 工会02表 alone, laid out like the forms, with the figures the API shows', async () => {
    const wb = await workbook((await direct(auditor, 'statements')).body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['工会01表 资产负债表', '工会02表 收入支出表']);
    const label = (l: { indent: number; label: string }) => `${'  '.repeat(l.indent)}${l.label}`;
    type Line = { side: string; indent: number; label: string; no: number; values: string[] };
    const cells = (l: Line) => [label(l), l.no, cell(l.values[0]), cell(l.values[1])];

    const bs = (await auditor().get(`/api/unions/${unionId}/statements/balance-sheet?period=2026-02`).expect(200)).body;
    const ws = wb.getWorksheet('工会01表 资产负债表')!;
    expect(ws.getCell('A1').value).toBe('资产负债表');
    expect(String(ws.getCell('A2').value)).toMatch(/^工会01表 .*编制单位：.*2026 年 02 月.*单位：元$/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['资产', '行次', '年初余额', '期末余额', '负债和净资产', '行次', '年初余额', '期末余额']);
    const rows = body(ws);
    const left = (bs.lines as Line[]).filter((l) => l.side === 'assets');
    const right = (bs.lines as Line[]).filter((l) => l.side !== 'assets');
    left.forEach((l, i) => expect(rows[i].slice(0, 4)).toEqual(cells(l)));
    right.forEach((l, i) => expect(rows[i].slice(4, 8)).toEqual(cells(l)));
    expect(String(rows[rows.length - 1][0])).toMatch(/^单位负责人：/);
    expect(String(rows[rows.length - 1][4])).toMatch(/^会计机构负责人：/);

    const is = (await auditor().get(`/api/unions/${unionId}/statements/income-expenditure?period=2026-02`).expect(200)).body;
    const ie = body(wb.getWorksheet('工会02表 收入支出表')!);
    expect(ie.slice(0, is.lines.length)).toEqual((is.lines as Line[]).map(cells));
    expect(ie[is.lines.length]).toEqual(['未结账：按当前账簿编制']);
  });

  it('exports the budget execution of the year through the last month, as the API shows it', async () => {
    const wb = await workbook((await direct(auditor, 'budget-execution')).body);
    const ws = wb.getWorksheet('预算执行情况')!;
    expect(String(ws.getCell('A2').value)).toContain('本年度预算尚未批准');
    const api = (await auditor().get(`/api/unions/${unionId}/budget-execution/2026?through=2026-02`).expect(200)).body;
    expect(api.lines.length).toBeGreaterThan(0);
    expect(body(ws).map((r) => [r[0], r[4], r[5], r[6], r[7], r[8], r[9]])).toEqual(
      api.lines.map((l: { account: string; budget: string; months: string[]; actual: string; reserved: string; remaining: string }) =>
        [l.account, cell(l.budget), cell(l.months[0]), cell(l.months[1]), cell(l.actual), cell(l.reserved), cell(l.remaining)],
      ),
    );
  });

  it("shows in the general ledger, month by month, the level-1 figures of each month's trial balance", async () => {
    const rows = body((await workbook((await direct(auditor, 'general-ledger')).body)).getWorksheet('总账')!);
    for (const month of ['2026-01', '2026-02']) {
      const tb = (await auditor().get(`/api/unions/${unionId}/trial-balance?from=${month}&to=${month}`).expect(200)).body;
      for (const r of tb.rows.filter((x: { level: number }) => x.level === 1)) {
        const line = rows.find((x) => x[0] === r.code && x[2] === month && x[3] === '本月合计');
        const closing = new Decimal(r.closingDebit).minus(r.closingCredit);
        expect([r.code, line?.[4], line?.[5], line?.[6], line?.[7]]).toEqual([
          r.code, cell(r.debit), cell(r.credit), closing.gt(0) ? '借' : closing.lt(0) ? '贷' : '平', cell(closing.abs().toString()),
        ]);
      }
    }
  });

  it('streams only small exports directly and points larger ones to a job', async () => {
    const small = await startTestApp({ env: { EXPORT_DIRECT_ROWS: '3' } });
    try {
      const u = await newUnion(small);
      await fund(small, u.id, '10.00');
      await postVoucher(small, u.id, '2026-01-03', [{ account: '101', debit: '1.00' }, { account: '10201', credit: '1.00' }]);
      const refused = await small.http().get(`/api/unions/${u.id}/export?kind=voucher-journal&from=2026-01&to=2026-01`);
      expect([refused.status, refused.body.code, refused.body.details]).toEqual([422, 'EXPORT_TOO_LARGE_FOR_DIRECT', { rows: 4, limit: 3 }]);
      expect((await small.http().get(`/api/unions/${u.id}/export?kind=trial-balance&from=2026-01&to=2026-01`)).status).toBe(422);
      expect((await small.http().post(`/api/unions/${u.id}/exports`).send({ kind: 'voucher-journal', from: '2026-01', to: '2026-01' })).status).toBe(202);
    } finally {
      await small.close();
    }
  });

  it("lets an auditor of union A export only A: another union's exports answer 404, a clerk's 403", async () => {
    const other = await newUnion(t);
    await fund(t, other.id, '10.00');
    const res = await auditor().get(`/api/unions/${other.id}/export?kind=trial-balance&from=2026-01&to=2026-01`);
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await auditor().post(`/api/unions/${other.id}/exports`).send({ kind: 'audit-pack', from: '2026-01', to: '2026-01' })).status).toBe(404);
    const clerk = (await t.userWith([{ role: 'clerk', unionId }], 'clerk-x')).http;
    expect((await clerk().get(`/api/unions/${unionId}/export?kind=trial-balance&from=2026-01&to=2026-01`)).status).toBe(403);
  });
});

describe('center audit export', () => {
  let t: TestApp;
  const dir = exportDir();
  afterAll(() => t.close());

  it('packs every union of the center into one zip with a summary workbook whose figures match the funds', async () => {
    t = await startTestApp({ env: { EXPORT_DIR: dir } });
    const p = await claimUnion(t, { funds: '3000.00', noDocumentRules: true });
    const q = await claimUnion(t, { funds: '1500.00', centerId: p.centerId });
    await postVoucher(t, q.unionId, '2026-01-09', [{ account: '50101', debit: '200.00' }, { account: '10201', credit: '200.00' }]);
    const auditor = (await t.userWith([{ role: 'auditor', centerId: p.centerId }], 'center-auditor')).http;
    const created = await auditor().post(`/api/centers/${p.centerId}/exports`).send({ from: '2026-01', to: '2026-01' });
    expect([created.status, created.body.state]).toEqual([202, 'queued']);
    let job = created.body;
    for (const deadline = Date.now() + 90_000; Date.now() < deadline && !['done', 'failed'].includes(job.state); ) {
      await sleep(50);
      job = (await auditor().get(`/api/centers/${p.centerId}/exports/${job.id}`).expect(200)).body;
    }
    expect(job.state).toBe('done');
    const zip = await auditor().get(`/api/centers/${p.centerId}/exports/${job.id}/file`).buffer(true).parse(binary);
    expect([zip.status, zip.body.subarray(0, 2).toString()]).toEqual([200, 'PK']);
    // the zip alone remains (its workbooks were parts), private like every export
    expect([modeOf(dir), readdirSync(dir).map((f) => [f, modeOf(join(dir, f))])]).toEqual([0o700, [[`${job.id}.zip`, 0o600]]]);
    // the zip's entries, from its central directory
    const names: string[] = [];
    const entries: Buffer[] = [];
    const z: Buffer = zip.body;
    for (let at = z.indexOf('PK\u0001\u0002'); at >= 0; at = z.indexOf('PK\u0001\u0002', at + 4)) {
      names.push(z.subarray(at + 46, at + 46 + z.readUInt16LE(at + 28)).toString('utf8'));
      const local = z.readUInt32LE(at + 42);
      const start = local + 30 + z.readUInt16LE(local + 26) + z.readUInt16LE(local + 28);
      const data = z.subarray(start, start + z.readUInt32LE(at + 20));
      entries.push(z.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : data);
    }
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^00-汇总表/);
    expect(names.slice(1).every((n) => n.endsWith('审计资料包-202601-202601.xlsx'))).toBe(true);
    const summaryBook = await workbook(entries[0]);
    expect(summaryBook.worksheets.map((w) => w.name)).toEqual(['汇总表', '工会01表 资产负债表', '工会02表 收入支出表', '银行存款余额调节表', '未达账项']);
    expect(String(summaryBook.getWorksheet('工会01表 资产负债表')!.getCell('A2').value)).toContain('（汇总）');
    const summary = body(summaryBook.getWorksheet('汇总表')!);
    const byCode = new Map(summary.map((r) => [r[0], r]));
    let pooled = 0;
    for (const u of [p, q]) {
      const funds = (await t.http().get(`/api/unions/${u.unionId}/funds`).expect(200)).body;
      pooled += Math.round(Number(funds.balance) * 100);
      const code = (await t.http().get(`/api/unions/${u.unionId}`).expect(200)).body.code;
      expect(byCode.get(code)!.slice(3, 6)).toEqual([cell(funds.balance), cell(funds.reserved), cell(funds.available)]);
    }
    expect(byCode.get((await t.http().get(`/api/unions/${q.unionId}`)).body.code)![7]).toBe(200);
    // the pooled account's 银行存款余额调节表 (no statement imported: every book line is a reconciling item)
    const recon = body((await workbook(entries[0])).getWorksheet('银行存款余额调节表')!);
    expect(recon.map((r) => [r[2], r[7], r[8]])).toEqual([[pooled / 100, pooled / 100, undefined]]); // a zero difference prints blank
    // the 汇总表's own 未达账项 columns: each union's book lines the bank has not shown, as on the 未达账项 sheet
    const items = body((await workbook(entries[0])).getWorksheet('未达账项')!);
    for (const u of [p, q]) {
      const code = (await t.http().get(`/api/unions/${u.unionId}`).expect(200)).body.code;
      const mine = items.filter((r) => r[4] === code);
      const net = mine.reduce((s: number, r) => s + Math.round(Number(r[3]) * 100), 0);
      expect(mine.length).toBeGreaterThan(0);
      expect(byCode.get(code)!.slice(9, 11)).toEqual([mine.length, net / 100]);
    }
    expect(byCode.get((await t.http().get(`/api/unions/${q.unionId}`)).body.code)!.slice(9, 11)).toEqual([2, 1300]); // 1,500.00 in, 200.00 out
    const pack = await workbook(entries[1]);
    expect(pack.worksheets[0].name).toBe('封面');
    // a union auditor does not reach the center's exports
    const stranger = (await t.userWith([{ role: 'auditor', unionId: p.unionId }], 'union-auditor')).http;
    expect((await stranger().get(`/api/centers/${p.centerId}/exports/${job.id}`)).status).toBe(404);
  });
});

import ExcelJS from 'exceljs';
import { Roles } from '../../src/auth/permissions';
import { CLAIM_KIND_LABEL, ClaimKind, ClaimKinds, DocumentKinds, PER_PERSON_KINDS } from '../../src/claims/domain/claim-kinds';
import { ClaimStatuses } from '../../src/claims/domain/claim.rules';
import { VoucherTypes } from '../../src/ledger/domain/voucher-type';
import { LineSpec, newUnion, postVoucher } from '../support/builders';
import { claimBody, claimUnion, postedClaim, submittedClaim } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const HEADER_ROWS = 3;

/** Data rows (under the header) of a sheet, each with its cells, column A first. */
function dataRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const out: ExcelJS.Row[] = [];
  ws.eachRow((row, n) => {
    if (n > HEADER_ROWS) out.push(row);
  });
  return out;
}
const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);
/** A date cell (a calendar day, written as UTC midnight) as 'YYYY-MM-DD'. */
const ymd = (v: unknown) => (v as Date).toISOString().slice(0, 10);
/** As Excel shows '#,##0.00': thousands separators, two decimals, a minus sign. */
const shown = (v: number) => (v < 0 ? '-' : '') + Math.abs(v).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Exports as an auditor reads and prints them (issue 17): local times, chronological journals, ledgers with
 * their monthly subtotals, a trial balance indented by level, and a print layout (widths, red ink, blank
 * zeros, print areas, repeated titles, grid).
 */
describe('exports as an auditor reads and prints them', () => {
  let t: TestApp;
  let unionId: string;
  let auditor: Http;
  let book: ExcelJS.Workbook;

  const post = (date: string, specs: LineSpec[], opts: { type?: string; red?: boolean } = {}) => postVoucher(t, unionId, date, specs, opts);

  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t, { voucherNumbering: 'typed' })).id;
    await post('2026-01-02', [{ account: '10201', debit: '5000.00' }, { account: '402', credit: '5000.00' }], { type: 'receipt' });
    // posted out of date order: the numbers follow posting, the journal must follow the dates
    await post('2026-01-20', [{ account: '50101', debit: '300.00' }, { account: '215', credit: '300.00' }], { type: 'transfer' });
    await post('2026-01-10', [{ account: '50102', debit: '200.00' }, { account: '10201', credit: '200.00' }], { type: 'payment' });
    // one day, posted 转, 付, 收: printed 收, 付, 转
    await post('2026-01-15', [{ account: '50103', debit: '10.00' }, { account: '215', credit: '10.00' }], { type: 'transfer' });
    await post('2026-01-15', [{ account: '50103', debit: '20.00' }, { account: '10201', credit: '20.00' }], { type: 'payment' });
    await post('2026-01-15', [{ account: '10201', debit: '30.00' }, { account: '402', credit: '30.00' }], { type: 'receipt' });
    await post('2026-02-05', [{ account: '50101', debit: '1234567.89' }, { account: '215', credit: '1234567.89' }], { type: 'transfer' });
    await post('2026-02-06', [{ account: '50101', debit: '-50.00' }, { account: '215', credit: '-50.00' }], { type: 'transfer', red: true });
    auditor = (await t.userWith([{ role: 'auditor', unionId }], 'auditor')).http;
    const res = await auditor()
      .get(`/api/unions/${unionId}/export?kind=audit-pack&from=2026-01&to=2026-02`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
  });
  afterAll(() => t.close());

  it('writes every time as local time in the ledger zone (Asia/Shanghai), as the API instant plus eight hours', async () => {
    const api = (await auditor().get(`/api/unions/${unionId}/audit-log?pageSize=200`).expect(200)).body;
    const bySeq = new Map<number, string>(api.items.map((r: { seq: number | string; at: string }) => [Number(r.seq), r.at]));
    // the records were made today: export this month's log (the month in Shanghai, as the service counts it)
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const res = await auditor().get(`/api/unions/${unionId}/export?kind=audit-log&from=${month}&to=${month}`).buffer(true).parse(binary);
    const log = new ExcelJS.Workbook();
    await log.xlsx.load(res.body as unknown as ArrayBuffer);
    const rows = dataRows(log.getWorksheet('操作日志')!);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const [seq, at] = values(row) as [number, Date];
      const instant = new Date(bySeq.get(seq)!);
      expect(at.toISOString().slice(0, 19)).toBe(new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19));
    }
    const cover = new Map(dataRows(book.getWorksheet('封面')!).map((r) => [values(r)[0], values(r)[1]]));
    expect(cover.get('导出时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(cover.get('校验时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // the cover says in words what was checked and how to check again, and asks nobody to call the API
    expect(['校验了什么', '链头是什么', '如何再次核对'].every((k) => String(cover.get(k) ?? '').length > 20)).toBe(true);
    expect([...cover.values()].some((v) => /\/api\/|GET /.test(String(v)))).toBe(false);
  });

  it('lists the journal by date, then 收 / 付 / 转 within a day, then number', () => {
    const rows = dataRows(book.getWorksheet('凭证序时簿')!).map(values).filter((v) => v[0] instanceof Date);
    const dates = rows.map((v) => ymd(v[0]));
    expect(dates).toEqual([...dates].sort());
    const sameDay = [...new Set(rows.filter((v) => ymd(v[0]) === '2026-01-15').map((v) => String(v[1]).slice(0, 1)))];
    expect(sameDay).toEqual(['收', '付', '转']);
  });

  it('carries in the subsidiary ledgers, per account and month, 本月合计 and 本年累计 equal to GET …/ledger', async () => {
    const rows = dataRows(book.getWorksheet('明细账')!).map(values);
    for (const account of ['10201', '50101', '215']) {
      const api = (await auditor().get(`/api/unions/${unionId}/ledger?account=${account}&from=2026-01&to=2026-02`).expect(200)).body;
      const mine = rows.filter((v) => v[0] === account);
      const dates = mine.filter((v) => v[2] instanceof Date).map((v) => ymd(v[2]));
      expect(dates).toEqual([...dates].sort());
      const month = mine.filter((v) => v[4] === '本月合计');
      const year = mine.filter((v) => v[4] === '本年累计');
      expect(month.map((v) => [v[5] ?? 0, v[6] ?? 0, v[8] ?? 0])).toEqual(
        api.periods.map((p: { debit: string; credit: string; closing: { amount: string } }) => [Number(p.debit), Number(p.credit), Number(p.closing.amount)]),
      );
      expect(year.map((v) => [v[5] ?? 0, v[6] ?? 0])).toEqual(api.periods.map((p: { yearDebit: string; yearCredit: string }) => [Number(p.yearDebit), Number(p.yearCredit)]));
    }
  });

  it('indents the trial balance by account level', async () => {
    const rows = dataRows(book.getWorksheet('科目余额表')!);
    const byLevel = rows.filter((r) => typeof values(r)[2] === 'number').map((r) => [values(r)[2], r.getCell(2).alignment?.indent ?? 0]);
    expect(byLevel.some(([level]) => level === 2)).toBe(true);
    for (const [level, indent] of byLevel) expect(indent).toBe((level as number) - 1);
  });

  it('prints: amount columns as wide as their widest value, red ink in red, zeros blank, print area, titles repeated, a grid', () => {
    let sawRed = false;
    book.eachSheet((ws) => {
      const rows = dataRows(ws);
      const header = ws.getRow(HEADER_ROWS);
      expect(ws.pageSetup.printTitlesRow).toBe(`1:${HEADER_ROWS}`);
      const last = ws.getRow(ws.rowCount);
      expect(ws.pageSetup.printArea).toMatch(new RegExp(`^A1:[A-Z]+${last.number}$`));
      header.eachCell((cell, col) => {
        const money = rows.filter((r) => typeof r.getCell(col).value === 'number' && String(r.getCell(col).numFmt).startsWith('#,##0.00'));
        for (const r of money) {
          const v = r.getCell(col).value as number;
          expect(v).not.toBe(0);
          expect(ws.getColumn(col).width ?? 0).toBeGreaterThanOrEqual(shown(v).length + 1);
          if (v < 0) {
            sawRed = true;
            expect(r.getCell(col).font?.color?.argb).toBe('FFFF0000');
          }
        }
      });
      for (const r of rows.slice(0, 50)) expect(r.getCell(1).border?.bottom?.style).toBe('thin');
      const fonts = new Set(rows.slice(0, 50).map((r) => r.getCell(1).font?.name));
      expect([...fonts].every((f) => f === '宋体')).toBe(true);
    });
    expect(sawRed).toBe(true);
  });

  /** Every cell of the pack (cover and data columns left out) in which a word is one of `codes`. */
  const codesIn = (pack: ExcelJS.Workbook, codes: Set<string>): string[] => {
    // ids, hashes, the changed rows as JSON and file names are data, not codes
    const data = new Set(['对象编号', '变更前', '变更后', '请求号', '地址', '前一记录哈希', '本记录哈希', 'SHA-256', '文件名']);
    const found: string[] = [];
    pack.eachSheet((ws) => {
      if (ws.name === '封面') return;
      const headers = (ws.getRow(HEADER_ROWS).values as unknown[]).map(String);
      for (const row of dataRows(ws)) {
        row.eachCell((cell, col) => {
          if (typeof cell.value !== 'string' || data.has(headers[col])) return;
          for (const word of cell.value.split(/[^A-Za-z_.-]+/)) if (codes.has(word)) found.push(`${ws.name}!${cell.address}: ${cell.value}`);
        });
      }
    });
    return found;
  };
  const codesOf = async (http: Http, union: string) => {
    const log = (await http().get(`/api/unions/${union}/audit-log?pageSize=200`).expect(200)).body.items as { action: string; entityType: string }[];
    expect(log.length).toBeGreaterThan(5);
    return new Set<string>([
      ...ClaimKinds, ...ClaimStatuses, ...DocumentKinds, ...VoucherTypes, ...Roles, 'restricted', 'unrestricted',
      ...log.map((r) => r.action), ...log.map((r) => r.entityType),
    ]);
  };
  const packOf = async (http: Http, union: string) => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const res = await http().get(`/api/unions/${union}/export?kind=audit-pack&from=2026-01&to=${month}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const pack = new ExcelJS.Workbook();
    await pack.xlsx.load(res.body as unknown as ArrayBuffer);
    return pack;
  };

  it('writes no internal code where a Chinese label exists: kinds, statuses, voucher and fund types, roles, audit actions and objects', async () => {
    expect(codesIn(await packOf(auditor, unionId), await codesOf(auditor, unionId))).toEqual([]);
  });

  it('writes no code either for a union with claims of every kind, paid and posted (their 摘要 in the books too)', async () => {
    const p = await claimUnion(t, { funds: '100000.00', noDocumentRules: true });
    const members = (...ids: string[]) => ids.map((m) => ({ member: m, name: `会员${m}` }));
    const bodyOf = (kind: ClaimKind) =>
      claimBody('100.00', {
        kind,
        purpose: `${CLAIM_KIND_LABEL[kind]}测试`,
        expenseAccount: '50105',
        ...(PER_PERSON_KINDS.includes(kind) ? { beneficiaries: members('M1', 'M2') } : {}),
        ...(kind === 'holiday_gift' ? { occasion: 'mid_autumn' } : {}),
      });
    const refused: ClaimKind[] = ['shopping_card']; // the test rule set prohibits it: it stays a draft
    for (const kind of ClaimKinds) {
      if (refused.includes(kind)) await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(bodyOf(kind)).expect(201);
      else await postedClaim(t, p, bodyOf(kind));
    }
    const claimAuditor = (await t.userWith([{ role: 'auditor', unionId: p.unionId }], 'claims-auditor')).http;
    const codes = await codesOf(claimAuditor, p.unionId);
    // the test's people are named after their roles (claimUnion): their names are data here, not codes
    for (const name of ['clerk', 'chair', 'vice-chair', 'cashier']) codes.delete(name);
    // the posted 摘要 of every payment voucher names the kind in Chinese
    const vouchers = (await claimAuditor().get(`/api/unions/${p.unionId}/vouchers?pageSize=100`).expect(200)).body.items as { id: string; source: string }[];
    const claimVouchers = vouchers.filter((v) => v.source === 'claim');
    expect(claimVouchers).toHaveLength(ClaimKinds.length - refused.length);
    const summaries: string[] = [];
    for (const v of claimVouchers) {
      const lines = (await claimAuditor().get(`/api/unions/${p.unionId}/vouchers/${v.id}`).expect(200)).body.lines as { summary: string }[];
      summaries.push(...lines.map((l) => l.summary));
    }
    expect(summaries.filter((text) => text.split(/[^A-Za-z_.-]+/).some((w) => codes.has(w)))).toEqual([]);
    for (const kind of ClaimKinds.filter((k) => !refused.includes(k))) {
      expect(summaries.some((text) => text.includes(` ${CLAIM_KIND_LABEL[kind]} `))).toBe(true);
    }
    expect(codesIn(await packOf(claimAuditor, p.unionId), codes)).toEqual([]);
  });

  it('answers a claim with the Chinese label of its kind beside the code, in the list and in the claim', async () => {
    const p = await claimUnion(t, { noDocumentRules: true });
    const claim = await submittedClaim(t, p);
    const one = (await p.clerk().get(`/api/unions/${p.unionId}/claims/${claim.id}`).expect(200)).body;
    const list = (await p.clerk().get(`/api/unions/${p.unionId}/claims`).expect(200)).body.items;
    for (const c of [one, list.find((x: { id: string }) => x.id === claim.id)]) {
      expect(c.kindLabel).toBe(CLAIM_KIND_LABEL[c.kind as ClaimKind]);
      expect(c.kindLabel).not.toMatch(/[A-Za-z]/);
    }
  });
});

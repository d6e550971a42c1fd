import Decimal from 'decimal.js';
import { validateXML } from 'xmllint-wasm';
import { newUnion } from '../support/builders';
import { download, seedBooks, unzip } from '../support/interchange';
import { Http, startTestApp, TestApp } from '../support/test-app';

/** Text of every occurrence of <tag>…</tag> in document order. */
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
const blocks = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
const one = (xml: string, tag: string) => all(xml, tag)[0];

async function validate(xml: string, xsd: string) {
  return validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [{ fileName: 'gbt24589.xsd', contents: xsd }] });
}

/** Issue 14: the GB/T 24589 data interface — structure, contents, and validity against the schema we ship. */
describe('GB/T 24589 export', () => {
  let t: TestApp;
  let unionId: string;
  let auditor: Http;
  let files: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t)).id;
    await seedBooks(t, unionId);
    auditor = (await t.userWith([{ role: 'auditor', unionId }], 'auditor')).http;
    files = await unzip(await download(auditor, `/api/unions/${unionId}/interchange/gbt24589?from=2026-01&to=2026-02`));
  });

  afterAll(() => t?.close());

  it('ships the two XML files, the XSD and the format description', () => {
    expect(Object.keys(files).sort()).toEqual(['gbt24589.xsd', '公共档案.xml', '总账.xml', '格式说明文件.txt'].sort());
    expect(files['格式说明文件.txt']).toContain('GB/T 24589');
    expect(files['格式说明文件.txt']).toContain('2026-01 至 2026-02');
  });

  it('both XML files validate against the shipped XSD, and the XSD refuses a broken file', async () => {
    const xsd = files['gbt24589.xsd'];
    for (const name of ['公共档案.xml', '总账.xml']) {
      const result = await validate(files[name], xsd);
      expect({ name, errors: result.errors.map((e) => e.message) }).toEqual({ name, errors: [] });
      expect(result.valid).toBe(true);
    }
    // the schema has teeth: an amount with one decimal, an unknown voucher type, a missing line
    const ledger = files['总账.xml'];
    for (const broken of [
      ledger.replace('<借方金额>8000.00</借方金额>', '<借方金额>8000.0</借方金额>'),
      ledger.replace('<凭证类型编号>general</凭证类型编号>', '<凭证类型编号>memo</凭证类型编号>'),
      ledger.replace(/<分录>[\s\S]*?<\/分录>/, ''),
    ]) {
      expect(broken).not.toEqual(ledger);
      expect((await validate(broken, xsd)).valid).toBe(false);
    }
  });

  it('电子账簿, 会计期间 (January closed), 凭证类型 and the project dimension', () => {
    const master = files['公共档案.xml'];
    expect(master).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<公共档案 标准="GB\/T 24589.2-2010"/);
    expect(one(master, '起始期间')).toBe('2026-01');
    expect(one(master, '截止期间')).toBe('2026-02');
    expect(all(master, '会计期间')).toEqual(['2026-01', '2026-02']);
    expect(all(master, '结账标志')).toEqual(['是', '否']);
    expect(all(master, '凭证字')).toEqual(['记', '收', '付', '转']);
    expect(blocks(master, '辅助核算项目').some((b) => b.includes('<辅助核算项目编号>P1</辅助核算项目编号>') && b.includes('职工书屋'))).toBe(true);
  });

  it('科目表 with levels and sides; 期初余额; every posted voucher with its lines, red ink negative and linked', async () => {
    const ledger = files['总账.xml'];
    const account = blocks(ledger, '科目').find((b) => b.includes('<科目编号>5010601</科目编号>'))!;
    expect(account).toContain('<科目名称>职工活动:文体</科目名称>');
    expect(account).toContain('<科目级次>3</科目级次>');
    expect(account).toContain('<上级科目编号>50106</上级科目编号>');
    expect(account).toContain('<余额方向>借</余额方向>');
    expect(account).toContain('<末级标志>是</末级标志>');
    expect(blocks(blocks(ledger, '期初余额表')[0], '期初余额').map((b) => [one(b, '科目编号'), one(b, '余额方向'), one(b, '余额')])).toEqual([
      ['10201', '借', '50000.00'],
      ['32205', '贷', '50000.00'],
    ]);

    const posted = (await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [unionId])).rows[0].n;
    const vouchers = blocks(ledger, '记账凭证');
    expect(vouchers).toHaveLength(posted);
    const red = vouchers.find((v) => v.includes('<红字标志>是</红字标志>'))!;
    expect(red).toContain('<冲销凭证号>记-202601-0002</冲销凭证号>');
    expect(red).toContain('<借方金额>-300.00</借方金额>');
    expect(vouchers.some((v) => v.includes('<摘要>文体 | 活动 &lt;器材&gt; &amp; 服装</摘要>'))).toBe(true);
    const restricted = vouchers.find((v) => v.includes('<项目编号>P1</项目编号>'))!;
    expect(restricted).toContain('<资金性质>restricted</资金性质>');
    // numbers by period and type: 1, 2, 3… with the closing vouchers after January's own
    const jan = vouchers.filter((v) => v.includes('<会计期间>2026-01</会计期间>')).map((v) => Number(one(v, '凭证编号')));
    expect(jan).toEqual(jan.map((_, i) => i + 1));
    expect(vouchers.some((v) => v.includes('<凭证来源>closing</凭证来源>'))).toBe(true);
  });

  it('科目余额及发生额 equal the trial balance of each month, at every level', async () => {
    const ledger = files['总账.xml'];
    const rows = blocks(ledger, '科目余额及发生额');
    for (const period of ['2026-01', '2026-02']) {
      const tb = await auditor().get(`/api/unions/${unionId}/trial-balance?from=${period}&to=${period}`).expect(200);
      const ours = new Map(
        rows
          .filter((b) => one(b, '会计期间') === period)
          .map((b) => {
            const signed = (dir: string, amt: string) => (dir === '贷' ? new Decimal(amt).negated() : new Decimal(amt));
            return [one(b, '科目编号'), { opening: signed(one(b, '期初余额方向'), one(b, '期初余额')), debit: one(b, '借方发生额'), credit: one(b, '贷方发生额'), closing: signed(one(b, '期末余额方向'), one(b, '期末余额')) }];
          }),
      );
      expect(tb.body.rows.length).toBeGreaterThan(5);
      for (const r of tb.body.rows) {
        const x = ours.get(r.code);
        expect({ code: r.code, found: !!x }).toEqual({ code: r.code, found: true });
        expect({ code: r.code, opening: x!.opening.toFixed(2), debit: x!.debit, credit: x!.credit, closing: x!.closing.toFixed(2) }).toEqual({
          code: r.code,
          opening: new Decimal(r.openingDebit).minus(r.openingCredit).toFixed(2),
          debit: new Decimal(r.debit).toFixed(2),
          credit: new Decimal(r.credit).toFixed(2),
          closing: new Decimal(r.closingDebit).minus(r.closingCredit).toFixed(2),
        });
      }
    }
  });

  it('财务报表: the closed month\'s 工会01表 and 02表 as kept at closing; none for the open month', () => {
    const reports = blocks(files['总账.xml'], '财务报表');
    expect(reports.map((r) => [one(r, '报表编号'), one(r, '会计期间'), one(r, '报表期间类型')])).toEqual([
      ['工会01表', '2026-01', '月报'],
      ['工会02表', '2026-01', '月报'],
    ]);
    expect(blocks(reports[0], '报表项目').length).toBeGreaterThan(10);
  });

  it('needs books:read, refuses a reversed range and an unknown union, and records the download', async () => {
    const clerk = (await t.userWith([{ role: 'clerk', unionId }], 'clerk')).http;
    await clerk().get(`/api/unions/${unionId}/interchange/gbt24589?from=2026-01&to=2026-02`).expect(403);
    const bad = await auditor().get(`/api/unions/${unionId}/interchange/gbt24589?from=2026-03&to=2026-01`).expect(400);
    expect(bad.body.code).toBe('PERIOD_RANGE_INVALID');
    const malformed = await auditor().get(`/api/unions/${unionId}/interchange/gbt24589?from=2026-13&to=2026-01`);
    expect(malformed.status).toBe(400);
    const logged = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE union_id = $1 AND action = 'export.gbt24589'`, [unionId]);
    expect(logged.rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

import { encode } from 'iconv-lite';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newCenter, newUnion } from '../support/builders';
import { Http, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: GB/T 24589 files written by other software (hand-written fixtures of two shapes, test/fixtures/gbt-foreign:
 * read there what each leaves out or spells differently) import and give the balances they state; what cannot be
 * mapped is refused whole, naming the file, line and element.
 */
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'gbt-foreign', name), 'utf8');
/** The fixture as the other program wrote it: in the encoding its declaration names. */
const encoded = (text: string) => encode(text, /encoding="([^"]+)"/.exec(text)![1]);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('GB/T 24589 import of other software', () => {
  let t: TestApp;
  let centerId: string;
  let auditor: Http;
  const master = fixture('a-master.xml');
  const ledger = fixture('a-ledger.xml');
  const shapeA = (change: (ledgerText: string) => string = (x) => x) => zipOf({ '导出/基础档案.XML': encoded(master), '导出/总账数据.xml': encoded(change(ledger)), '导出/说明.txt': Buffer.from('readme') });

  const upload = (unionId: string, content: Buffer, name = 'other.zip') => t.http().post(`/api/unions/${unionId}/interchange/gbt24589`).attach('file', content, name);
  const balances = async (unionId: string, from: string, to: string) => {
    const tb = (await auditor().get(`/api/unions/${unionId}/trial-balance?from=${from}&to=${to}`).expect(200)).body;
    return Object.fromEntries(tb.rows.map((r: { code: string; closingDebit: string; closingCredit: string }) => [r.code, r.closingDebit !== '0.00' ? `借 ${r.closingDebit}` : `贷 ${r.closingCredit}`]));
  };
  const counts = async (unionId: string) =>
    (await t.sql.query(`SELECT (SELECT count(*) FROM vouchers WHERE union_id = $1)::int AS vouchers, (SELECT count(*) FROM opening_balances WHERE union_id = $1)::int AS openings, (SELECT count(*) FROM accounts WHERE union_id = $1)::int AS accounts`, [unionId])).rows[0];

  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await newCenter(t)).id;
    auditor = (await t.userWith([{ role: 'auditor', centerId }], 'auditor')).http;
  });
  afterAll(() => t?.close());

  it('shape A (GB18030, gb: prefix, any order, no openings table, levels from the codes, 收/付 numbering) imports and gives its balances', async () => {
    const target = (await newUnion(t, { centerId, voucherNumbering: 'typed' })).id;
    const res = await upload(target, await shapeA());
    expect([res.status, res.body.code, res.body.message]).toEqual([200, undefined, undefined]);
    expect(res.body).toMatchObject({ accounts: 1, openingBalances: 2, vouchers: 3, closedPeriods: ['2026-01'] });

    // January as the file states it (its 科目余额及发生额 期末), and the two months to the cent
    const jan = await balances(target, '2026-01', '2026-01');
    expect(jan).toMatchObject({ '10201': '借 57699.50', '32205': '贷 50000.00', '402': '贷 8000.00', '5010101': '借 300.50', '50101': '借 300.50' });
    expect(await balances(target, '2026-01', '2026-02')).toMatchObject({ '101': '借 500.00', '10201': '借 57199.50', '402': '贷 8000.00', '5010101': '借 300.50' });

    // the new detail account took its place in the tree; vouchers keep the file's numbers in our words
    const acct = await t.sql.query(`SELECT parent_code, category, normal_side, is_leaf FROM accounts WHERE union_id = $1 AND code = '5010101'`, [target]);
    expect(acct.rows[0]).toEqual({ parent_code: '50101', category: 'expense', normal_side: 'debit', is_leaf: true });
    const v = await t.sql.query(`SELECT voucher_type, period, number, preparer, reviewer, source, attachment_count FROM vouchers WHERE union_id = $1 ORDER BY period, voucher_type, number`, [target]);
    expect(v.rows.map((r) => [r.voucher_type, r.period, r.number, r.preparer, r.source])).toEqual([
      ['payment', 202601, 1, 'importer', 'import'],
      ['receipt', 202601, 1, '王会计', 'import'],
      ['payment', 202602, 1, '王会计', 'import'],
    ].map(([type, p, n, who, src]) => [type, p, n, who === 'importer' ? expect.any(String) : who, src]));
    expect((await auditor().get(`/api/unions/${target}/integrity`).expect(200)).body.ok).toBe(true);
  });

  it('shape B (one bare GBK file, default namespace, no 公共档案, 方向+金额 lines, trailing zeros, red ink by sign) imports and gives its balances', async () => {
    const target = (await newUnion(t, { centerId })).id;
    const text = fixture('b-ledger.xml');
    const res = await upload(target, encoded(text), 'ledger.xml');
    expect([res.status, res.body.message]).toEqual([200, undefined]);
    expect(res.body).toMatchObject({ accounts: 0, openingBalances: 2, vouchers: 3, closedPeriods: [] });
    expect(await balances(target, '2026-01', '2026-01')).toMatchObject({ '10201': '借 21084.56', '32205': '贷 20000.00', '402': '贷 1234.56', '50101': '借 150.00' });
    const red = await t.sql.query(`SELECT red FROM vouchers WHERE union_id = $1 AND number = 3`, [target]);
    expect(red.rows[0].red).toBe(true);
  });

  it('refuses what cannot be mapped — another code scheme, an unknown voucher type, an amount below the fen, a foreign currency — naming file, line and element; nothing changes', async () => {
    const cases: [string, string, string, string][] = [
      ['code scheme', '<gb:科目编号>102</gb:科目编号>', '<gb:科目编号>1002</gb:科目编号>', '<科目>：科目编号 1002 不符合本系统的科目编码规则'],
      ['voucher type', '<gb:凭证类型编号>01</gb:凭证类型编号>', '<gb:凭证类型编号>09</gb:凭证类型编号>', '<凭证类型编号>：凭证类型“09”无法对应'],
      ['fen', '<gb:借方金额>300.5</gb:借方金额>', '<gb:借方金额>300.505</gb:借方金额>', '<借方金额>：金额 300.505 有分以下的位数'],
      ['currency', '<gb:附件数>2</gb:附件数>', '<gb:附件数>2</gb:附件数><gb:币种>USD</gb:币种>', '<币种>：币种 USD：只能导入人民币记账的凭证'],
    ];
    for (const [name, from, to, message] of cases) {
      const target = (await newUnion(t, { centerId, voucherNumbering: 'typed' })).id;
      const before = await counts(target);
      expect({ name, changed: ledger.replace(from, to) !== ledger }).toEqual({ name, changed: true });
      const res = await upload(target, await shapeA((x) => x.replace(from, to)));
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 422, code: 'INTERCHANGE_UNMAPPABLE' });
      // the element's line in the file: the voucher's for a missing or unmappable voucher field, the element's own otherwise
      const line = name === 'code scheme' ? lineOf(ledger, '<gb:科目><gb:科目编号>102<') : name === 'currency' ? lineOf(ledger, '<gb:附件数>2') : lineOf(ledger, from);
      expect({ name, message: res.body.message }).toEqual({ name, message: expect.stringContaining(`导出/总账数据.xml 第 ${line} 行 ${message}`) });
      expect(await counts(target)).toEqual(before);
    }
  });

  it('refuses an encoding it cannot read and a file with no 总账, as a file problem', async () => {
    const target = (await newUnion(t, { centerId, voucherNumbering: 'typed' })).id;
    const big5 = await upload(target, Buffer.from(ledger.replace('encoding="GB18030"', 'encoding="BIG5"'), 'utf8'), 'ledger.xml');
    expect([big5.status, big5.body.code]).toEqual([422, 'INTERCHANGE_FILE_INVALID']);
    expect(big5.body.message).toContain('ledger.xml 第 1 行 <?xml?>：不支持的字符编码 BIG5');
    const noLedger = await upload(target, await zipOf({ '基础档案.xml': encoded(master) }));
    expect([noLedger.status, noLedger.body.code]).toEqual([422, 'INTERCHANGE_FILE_INVALID']);
    expect(noLedger.body.message).toContain('<总账>');
    expect((await counts(target)).vouchers).toBe(0);
  });
});

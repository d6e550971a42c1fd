import ExcelJS from 'exceljs';
import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

type Row = (string | number | null)[];

/** An xlsx as other packages export their 期初余额: a title and a blank row above the header, a totals row below. */
async function sheet(rows: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('期初余额');
  ws.addRow(['期初余额表（某某财务软件导出）']);
  ws.addRow([]);
  ws.addRow(['科目编码', '科目名称', '方向', '期初余额']);
  for (const r of rows) ws.addRow(r);
  ws.addRow([null, '合计', null, null]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Issue 14: opening balances and detail accounts from another package's spreadsheet, validated whole. */
describe('opening balances from an xlsx', () => {
  let t: TestApp;

  const upload = (unionId: string, content: Buffer) =>
    t.http().post(`/api/unions/${unionId}/interchange/opening-sheet`).attach('file', content, 'opening.xlsx');
  const state = async (unionId: string) => ({
    accounts: (await t.sql.query(`SELECT code, name, is_leaf FROM accounts WHERE union_id = $1 ORDER BY code`, [unionId])).rows,
    openings: (await t.sql.query(`SELECT account_code, project_code, amount FROM opening_balances WHERE union_id = $1 ORDER BY line_no`, [unionId])).rows,
  });

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t?.close());

  it('creates the detail accounts and replaces the opening balances; parent rows are totals', async () => {
    const unionId = (await newUnion(t)).id;
    await t.http().post(`/api/unions/${unionId}/opening-balances`).send({ lines: [{ account: '101', debit: '1.00' }, { account: '32205', credit: '1.00' }] }).expect(200);
    const res = await upload(
      unionId,
      await sheet([
        ['101', '库存现金', '借', 1200.5],
        ['102', '银行存款', '借', '48,800.00'],
        ['10201', '集中核算户', '借', 48800],
        ['215', '其他应付款', '贷', 3000],
        ['21501', '互助金', '贷', 2000],
        ['21502', '代收款项', '贷', 1000],
        ['322', '工会资金结余', '贷', 47000.5],
        ['32205', '累计结余', '贷', 47000.5],
        ['501', '职工活动支出', '借', 0],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accounts: 2, openingBalances: 5, debit: '50000.50', credit: '50000.50' });
    const got = await t.http().get(`/api/unions/${unionId}/opening-balances`).expect(200);
    expect(got.body.lines.map((l: { account: string; debit: string | null; credit: string | null }) => [l.account, l.debit ?? `-${l.credit}`])).toEqual([
      ['101', '1200.50'],
      ['10201', '48800.00'],
      ['21501', '-2000.00'],
      ['21502', '-1000.00'],
      ['32205', '-47000.50'],
    ]);
    const s = await state(unionId);
    expect(s.accounts.find((a: { code: string }) => a.code === '215')).toMatchObject({ is_leaf: false });
    expect(s.accounts.find((a: { code: string }) => a.code === '21501')).toMatchObject({ name: '互助金', is_leaf: true });
    const tb = await t.http().get(`/api/unions/${unionId}/trial-balance?from=2026-01&to=2026-01`).expect(200);
    expect(tb.body.balanced).toBe(true);
    expect(tb.body.totals.openingDebit).toBe('50000.50');
  });

  it('refuses the whole file with every problem and its row: bad code, duplicate, unknown parent, wrong side, bad amount, parent ≠ children, unbalanced', async () => {
    const unionId = (await newUnion(t)).id;
    const before = await state(unionId);
    const res = await upload(
      unionId,
      await sheet([
        ['101', '库存现金', '借', 1000], // row 4
        ['10A', '乱码', '借', 1], // 5 bad code
        ['101', '库存现金', '借', 1000], // 6 duplicate
        ['9990101', '无主科目', '借', 5], // 7 unknown parent
        ['10201', '集中核算户', '贷', 100], // 8 wrong side
        ['21501', '互助金', '贷', '12.345'], // 9 bad amount
        ['135', '其他应收款', '借', 300], // 10 parent…
        ['13501', '甲', '借', 100], // 11 …whose children do not add up
        ['32205', '累计结余', '贷', 999], // 12 unbalanced overall
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INTERCHANGE_SHEET_INVALID');
    const problems: string[] = res.body.details.problems.map((p: { message: string }) => p.message);
    for (const expected of [/^第 5 行：科目编码“10A”不正确/, /^第 6 行：科目编码 101 与第 4 行重复/, /^第 7 行：科目 9990101 的上级科目 99901 不在本工会科目表中/, /^第 8 行：方向“贷”与科目 10201/, /^第 9 行：期初余额“12.345”不是金额/, /^第 10 行：科目 135 的期初余额 300.00 与其下级科目合计 100.00 不符/, /^期初余额借贷不平衡/]) {
      expect({ expected: String(expected), found: problems.some((p) => expected.test(p)) }).toEqual({ expected: String(expected), found: true });
    }
    expect(await state(unionId)).toEqual(before);
  });

  it('keeps the ledger\'s own rules, refuses a file without the header, and never after a voucher is posted', async () => {
    const unionId = (await newUnion(t)).id;
    const before = await state(unionId);
    // 131 has sub-accounts in the chart: a balance belongs on them
    const parent = await upload(unionId, await sheet([['131', '应收上级经费', '借', 10], ['32205', '累计结余', '贷', 10]])).expect(422);
    expect(parent.body.details.problems[0].message).toMatch(/^第 4 行：科目 131 应收上级经费 有下级科目/);
    const noHeader = await upload(unionId, Buffer.from('a,b\n1,2\n')).expect(422);
    expect(noHeader.body.message).toContain('找不到表头');
    expect(await state(unionId)).toEqual(before);

    await postVoucher(t, unionId, '2026-01-05', [{ account: '10201', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    const locked = await upload(unionId, await sheet([['101', '库存现金', '借', 10], ['32205', '累计结余', '贷', 10]])).expect(409);
    expect(locked.body.code).toBe('OPENING_BALANCES_LOCKED');
  });
});

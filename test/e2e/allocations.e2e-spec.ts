import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { newCenter, newUnion } from '../support/builders';
import { bulkUnions, csvText, gbk, xlsxFile } from '../support/banking';
import { Http, startTestApp, TestApp } from '../support/test-app';

const HEADER = ['工会编码', '工会名称', '金额', '类型', '摘要'];

/**
 * 经费返还: one bank credit split across many unions by a file (xlsx or CSV in GBK/UTF-8), validated as a
 * whole with every bad row named, posted in one transaction or not at all, never twice.
 */
describe('batch allocation', () => {
  let t: TestApp;
  let centerId: string;
  let bankAccountId: string;
  let cashier: Http;
  let unions: { id: string; code: string }[];
  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await newCenter(t)).id;
    bankAccountId = (await t.reviewer().get(`/api/centers/${centerId}/bank-accounts`).expect(200)).body[0].id;
    cashier = (await t.userWith([{ role: 'cashier', centerId }], 'cashier')).http;
    unions = await bulkUnions(t.sql, centerId, 500);
    // 500 unions' charts (≈ 30,000 rows) join the books chain at this one commit: minutes on a loaded machine
  }, 360_000);
  afterAll(() => t.close());

  const credit = (reference: string, amount: string, date = '2026-04-10') => ({ bankAccountId, creditDate: date, creditAmount: amount, creditReference: reference, payer: '某某市总工会' });
  const upload = (file: Buffer, fields: Record<string, string>, name = 'alloc.csv', path = '') => {
    let req = cashier().post(`/api/centers/${centerId}/allocations${path}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, name);
  };
  const counts = async () =>
    (await t.sql.query(`SELECT (SELECT count(*)::int FROM allocation_batches WHERE center_id = $1) AS batches,
                               (SELECT count(*)::int FROM receipts r JOIN unions u ON u.id = r.union_id WHERE u.center_id = $1) AS receipts,
                               (SELECT count(*)::int FROM vouchers v JOIN unions u ON u.id = v.union_id WHERE u.center_id = $1) AS vouchers`, [centerId])).rows[0];

  /** 1,000 rows: every union twice, once returned funds and once a general subsidy; amounts 1.01, 1.02, … */
  const thousand = () => {
    const rows = unions.flatMap((u, i) => [
      [u.code, `批量工会 ${u.code}`, (100 + i / 100).toFixed(2), '拨缴经费', '2026年一季度经费返还'],
      [u.code, '', (50 + i / 100).toFixed(2), '上级补助', ''],
    ]);
    const total = rows.reduce((s, r) => s + Math.round(Number(r[2]) * 100), 0);
    return { rows, total: (total / 100).toFixed(2) };
  };

  it('offers a template the upload reads: headers, an example row, validation on type and amount', async () => {
    const res = await cashier().get(`/api/centers/${centerId}/allocations/template`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.read(Readable.from([res.body as Buffer]));
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(['工会编码', '工会名称', '金额', '类型', '摘要', '项目编码']);
    expect(sheet.getCell('D2').value).toBe('拨缴经费');
    expect(sheet.getCell('D3').dataValidation).toMatchObject({ type: 'list', formulae: ['"拨缴经费,上级补助,专项补助"'] });
    expect(sheet.getCell('C3').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThan' });
  });

  it('refuses a file with bad rows as a whole, naming every row, and keeps nothing', async () => {
    const gone = await newUnion(t, { centerId });
    await t.reviewer().post(`/api/unions/${gone.id}/withdraw`).send({ reason: '撤销' }).expect(200);
    const rows = [
      [unions[0].code, '', '100.00', '', ''],
      ['NO-SUCH-UNION', '', '10.00', '', ''],
      [gone.code, '', '10.00', '', ''],
      [unions[1].code, '', '12.345', '', ''],
      [unions[0].code, '', '5.00', '拨缴经费', ''],
      [unions[2].code, '别的工会', '5.00', '', ''],
      [unions[3].code, '', '5.00', '工资', ''],
      [unions[4].code, '', '5.00', '专项补助', ''],
    ];
    const before = await counts();
    const res = await upload(Buffer.from(csvText(HEADER, rows)), credit('BAD-1', '147.00'));
    expect([res.status, res.body.code]).toEqual([422, 'ALLOCATION_INVALID']);
    expect(res.body.details.rows.map((p: { row: number; column?: string }) => [p.row, p.column ?? null])).toEqual([
      [3, '工会编码'],
      [4, '工会编码'],
      [5, '金额'],
      [6, null],
      [7, '工会名称'],
      [8, '类型'],
      [9, '项目'],
    ]);
    expect(res.body.details.rows.find((p: { row: number }) => p.row === 6).message).toBe('与第 2 行重复：同一工会、同一类型只能有一行');
    expect(res.body.message).toMatch(/^分配文件有 7 处错误，未作任何处理。第 3 行（工会编码）：本中心没有编码为 NO-SUCH-UNION 的工会/);
    expect(await counts()).toEqual(before);

    // the total must be the bank credit, and a closed month refuses the rows of its union
    const sum = await upload(Buffer.from(csvText(HEADER, [[unions[0].code, '', '10.00', '', ''], [unions[1].code, '', '20.00', '', '']])), credit('BAD-2', '31.00'));
    expect(sum.body.details.rows).toEqual([{ row: 0, message: '各行金额合计 30.00 与银行到账金额 31.00 不一致' }]);
    await t.http().post(`/api/unions/${unions[5].id}/periods/2026-01/close`).send({}).expect(200);
    const closed = await upload(Buffer.from(csvText(HEADER, [[unions[5].code, '', '10.00', '', '']])), credit('BAD-3', '10.00', '2026-01-20'));
    expect(closed.body.details.rows).toEqual([{ row: 2, message: expect.stringContaining('已结账') }]);
    expect(await counts()).toEqual(before);
  });

  it('posts a GBK CSV of 1,000 rows in one go, then refuses the same file and the same bank credit again', async () => {
    const { rows, total } = thousand();
    const file = gbk(csvText(HEADER, rows));
    const dry = await upload(file, credit('ICBC-0410-1', total), 'alloc.csv', '/validate').expect(200);
    expect(dry.body).toEqual({ valid: true, rows: 1000, total, creditAmount: total });
    const batch = await upload(file, credit('ICBC-0410-1', total)).expect(201);
    expect(batch.body).toMatchObject({ status: 'validated', rowCount: 1000, file: { format: 'csv' } });
    const detail = (await cashier().get(`/api/centers/${centerId}/allocations/${batch.body.id}`).expect(200)).body;
    expect(detail.rows[1]).toMatchObject({ row: 3, unionId: unions[0].id, kind: 'subsidy', amount: '50.00' });
    expect((await cashier().post(`/api/centers/${centerId}/allocations/${batch.body.id}/post`)).status).toBe(403);

    const posted = await t.http().post(`/api/centers/${centerId}/allocations/${batch.body.id}/post`).expect(200);
    expect(posted.body).toMatchObject({ status: 'posted', postedBy: expect.any(String) });
    const { rows: [r] } = await t.sql.query(
      `SELECT count(*)::int AS receipts, sum(r.amount)::text AS amount, count(DISTINCT r.voucher_id)::int AS vouchers,
              count(*) FILTER (WHERE r.credit_account = '402')::int AS returned, count(*) FILTER (WHERE r.credit_account = '40301')::int AS subsidies
         FROM receipts r WHERE r.batch_id = $1`,
      [batch.body.id],
    );
    expect(r).toEqual({ receipts: 1000, amount: total, vouchers: 1000, returned: 500, subsidies: 500 });
    const { rows: [v] } = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers v JOIN receipts r ON r.union_id = v.union_id AND r.voucher_id = v.id WHERE r.batch_id = $1 AND v.source = 'allocation'`, [batch.body.id]);
    expect(v.n).toBe(1000);
    const pos = (await t.reviewer().get(`/api/centers/${centerId}/bank-accounts/${bankAccountId}/position?date=2026-04-30`).expect(200)).body;
    expect(pos.total.balance).toBe(total);

    const again = await upload(file, credit('ICBC-0410-2', total));
    expect([again.status, again.body.code, again.body.details]).toEqual([409, 'ALLOCATION_DUPLICATE', { batchNumber: batch.body.number }]);
    expect(again.body.message).toContain(batch.body.number);
    const sameCredit = await upload(gbk(csvText(HEADER, [[unions[0].code, '', total, '', '']])), credit('ICBC-0410-1', total));
    expect([sameCredit.status, sameCredit.body.code]).toEqual([409, 'ALLOCATION_DUPLICATE']);
    const twice = await t.http().post(`/api/centers/${centerId}/allocations/${batch.body.id}/post`);
    expect([twice.status, twice.body.code]).toEqual([409, 'ALLOCATION_STATUS']);
  });

  it('posts an xlsx of 1,000 rows in one go (UTF-8 CSV with a BOM reads alike)', async () => {
    const { rows, total } = thousand();
    const numeric = rows.map((r) => [r[0], r[1], Number(r[2]), r[3], r[4]]);
    const file = await xlsxFile(HEADER, numeric, ['2026年4月经费返还分配表']);
    const batch = await upload(file, credit('CCB-0411-1', total, '2026-04-11'), 'alloc.xlsx').expect(201);
    expect(batch.body.file.format).toBe('xlsx');
    await t.http().post(`/api/centers/${centerId}/allocations/${batch.body.id}/post`).expect(200);
    const { rows: [r] } = await t.sql.query(`SELECT count(*)::int AS n, sum(amount)::text AS amount FROM receipts WHERE batch_id = $1`, [batch.body.id]);
    expect(r).toEqual({ n: 1000, amount: total });

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(HEADER, [[unions[7].code, '', '9.99', '', '']]))]);
    const ok = await upload(bom, credit('BOM-1', '9.99'), 'alloc.csv', '/validate');
    expect([ok.status, ok.body.rows]).toEqual([200, 1]);
  });

  it('posts all rows or none: a union withdrawn after the upload fails the whole batch, which a fresh upload then replaces', async () => {
    const a = await newUnion(t, { centerId });
    const b = await newUnion(t, { centerId });
    const file = Buffer.from(csvText(HEADER, [[a.code, '', '300.00', '', ''], [b.code, '', '200.00', '', '']]));
    const batch = await upload(file, credit('ALL-OR-NONE', '500.00')).expect(201);
    await t.reviewer().post(`/api/unions/${b.id}/withdraw`).send({ reason: '撤销' }).expect(200);
    const before = await counts();
    const res = await t.http().post(`/api/centers/${centerId}/allocations/${batch.body.id}/post`);
    expect([res.status, res.body.code]).toEqual([422, 'ALLOCATION_INVALID']);
    expect(res.body.details.rows).toEqual([{ row: 3, message: expect.stringContaining('退出') }]);
    expect(await counts()).toEqual(before);
    expect((await t.http().get(`/api/unions/${a.id}/funds`).expect(200)).body.balance).toBe('0.00');

    await cashier().post(`/api/centers/${centerId}/allocations/${batch.body.id}/cancel`).send({ reason: '工会已退出，重新分配' }).expect(200);
    const again = await upload(file, credit('ALL-OR-NONE', '500.00'));
    expect([again.status, again.body.code]).toEqual([422, 'ALLOCATION_INVALID']);
    const list = await cashier().get(`/api/centers/${centerId}/allocations`).expect(200);
    expect(list.body.items.find((x: { id: string }) => x.id === batch.body.id).status).toBe('cancelled');
  });

  it('explains a missing header, bad form fields and an unreadable file', async () => {
    const noHeader = await upload(Buffer.from('a,b\n1,2\n'), credit('H-1', '1.00'));
    expect([noHeader.status, noHeader.body.code]).toEqual([422, 'ALLOCATION_INVALID']);
    const fields = await upload(Buffer.from(csvText(HEADER, [])), { ...credit('F-1', '1.00'), creditAmount: '-5', creditDate: '2026-13-01' });
    expect([fields.status, fields.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(fields.body.message).toContain('creditAmount');
    const zip = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), credit('Z-1', '1.00'), 'x.xlsx');
    expect([zip.status, zip.body.code]).toEqual([400, 'FILE_UNREADABLE']);
  });
});

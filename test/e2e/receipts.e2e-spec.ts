import iconv from 'iconv-lite';
import { newCenter, newUnion } from '../support/builders';
import { pdf } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

/**
 * 收款: the cashier records, the system prepares the voucher, another person posts it; every kind posts
 * the voucher its kind calls for; a retried request with the same key records once; dues rolls by the
 * center's rule.
 */
describe('receipts and dues', () => {
  let t: TestApp;
  let centerId: string;
  let unionId: string;
  let cashier: Http;
  let cashierId: string;
  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await newCenter(t)).id;
    unionId = (await newUnion(t, { centerId })).id;
    await t.http().post(`/api/unions/${unionId}/projects`).send({ code: 'P1', name: '职工书屋建设' }).expect(201);
    const c = await t.userWith([{ role: 'cashier', centerId }], 'cashier');
    cashier = c.http;
    cashierId = c.id;
  });
  afterAll(() => t.close());

  let n = 0;
  const record = (body: Record<string, unknown>, key = `receipt-key-${++n}-${Date.now()}`, union = unionId) =>
    cashier().post(`/api/unions/${union}/receipts`).set('Idempotency-Key', key).send({ date: '2026-03-15', payer: '某某市总工会', ...body });
  const post = (id: string, union = unionId) => t.http().post(`/api/unions/${union}/receipts/${id}/post`);
  const lines = async (voucherId: string, union = unionId) =>
    (await t.http().get(`/api/unions/${union}/vouchers/${voucherId}`).expect(200)).body.lines.map(
      (l: { account: string; debit: string | null; credit: string | null; fundType: string | null; project: string | null }) => [l.account, l.debit ?? `-${l.credit}`, l.fundType, l.project],
    );

  it('posts the voucher each kind calls for: Dr the share, Cr 401/402/40301/40302/405/408, or the expense or 135 a refund gives back', async () => {
    const cases: [Record<string, unknown>, string, string | null, string | null][] = [
      [{ kind: 'dues', amount: '360.00', dues: { period: '2026-03', members: 120 } }, '401', 'unrestricted', null],
      [{ kind: 'allocation', amount: '12000.00', bankReference: 'ALLOC-1' }, '402', 'unrestricted', null],
      [{ kind: 'subsidy', amount: '3000.00' }, '40301', 'unrestricted', null],
      [{ kind: 'subsidy', amount: '5000.00', fundType: 'restricted', project: 'P1' }, '40302', 'restricted', 'P1'],
      [{ kind: 'admin_subsidy', amount: '800.00' }, '405', 'unrestricted', null],
      [{ kind: 'other', amount: '66.60', memo: '利息' }, '408', 'unrestricted', null],
      [{ kind: 'refund', amount: '120.00', account: '50105', payer: '某旅行社' }, '50105', 'unrestricted', null],
      [{ kind: 'refund', amount: '500.00', account: '135', payer: '张三' }, '135', null, null],
    ];
    for (const [body, account, fundType, project] of cases) {
      const res = await record(body);
      expect([res.status, res.body.status, res.body.creditAccount]).toEqual([201, 'recorded', account]);
      expect(res.body.number).toMatch(/^SK-2026-\d{4}$/);
      const posted = await post(res.body.id).expect(200);
      expect(posted.body).toMatchObject({ status: 'posted', shareAccount: '10201' });
      expect(posted.body.voucher.number).toMatch(/^记-202603-\d{4}$/);
      expect(await lines(res.body.voucher.id)).toEqual([
        ['10201', body.amount, null, null],
        [account, `-${body.amount}`, fundType, project],
      ]);
    }
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE source = 'receipt')::int AS receipts FROM vouchers WHERE union_id = $1`, [unionId]);
    expect(rows[0]).toEqual({ n: 8, receipts: 8 });
    expect((await t.http().get(`/api/unions/${unionId}/funds`).expect(200)).body.balance).toBe('21846.60');
  });

  it('is prepared by the cashier and posted by someone else: the cashier cannot post it', async () => {
    const res = await record({ kind: 'other', amount: '10.00' }).expect(201);
    const { rows: [d] } = await t.sql.query(`SELECT preparer_id, source FROM voucher_drafts WHERE union_id = $1 AND id = $2`, [unionId, res.body.voucher.id]);
    expect(d).toEqual({ preparer_id: cashierId, source: 'receipt' });
    expect((await cashier().post(`/api/unions/${unionId}/receipts/${res.body.id}/post`)).status).toBe(403);
    await post(res.body.id).expect(200);
    const { rows: [v] } = await t.sql.query(`SELECT preparer_id, posted_by_id FROM vouchers WHERE union_id = $1 AND id = $2`, [unionId, res.body.voucher.id]);
    expect(v).toEqual({ preparer_id: cashierId, posted_by_id: t.staff.bookkeeper.id });
    const again = await post(res.body.id);
    expect([again.status, again.body.code]).toEqual([409, 'RECEIPT_STATUS']);
  });

  it('records a retried receipt once, also when the retries race; another body under the key is refused', async () => {
    const body = { kind: 'allocation', amount: '777.00', bankReference: 'RETRY-1' };
    const tries = await Promise.all(Array.from({ length: 5 }, () => record(body, 'retry-receipt-0001')));
    expect(tries.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(tries.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM receipts WHERE union_id = $1 AND bank_reference = 'RETRY-1'`, [unionId]);
    expect(rows[0].n).toBe(1);
    const { rows: drafts } = await t.sql.query(`SELECT count(*)::int AS n FROM voucher_drafts WHERE union_id = $1 AND id = $2`, [unionId, tries[0].body.voucher.id]);
    expect(drafts[0].n).toBe(1);
    const other = await record({ ...body, amount: '778.00' }, 'retry-receipt-0001');
    expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const none = await cashier().post(`/api/unions/${unionId}/receipts`).send({ ...body, date: '2026-03-15', payer: 'x' });
    expect([none.status, none.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    await post(tries[0].body.id).expect(200);
  });

  it('cancels only before posting, and keeps its draft out of the generic voucher edits', async () => {
    const res = await record({ kind: 'other', amount: '20.00' }).expect(201);
    const edit = await t.http().patch(`/api/unions/${unionId}/vouchers/${res.body.voucher.id}`).send({ attachmentCount: 3 });
    expect([edit.status, edit.body.code]).toEqual([409, 'VOUCHER_FROM_DOCUMENT']);
    const del = await t.http().delete(`/api/unions/${unionId}/vouchers/${res.body.voucher.id}`);
    expect([del.status, del.body.code]).toEqual([409, 'VOUCHER_FROM_DOCUMENT']);
    const cancelled = await cashier().post(`/api/unions/${unionId}/receipts/${res.body.id}/cancel`).send({ reason: '重复登记' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelled: { reason: '重复登记' } });
    expect((await t.http().get(`/api/unions/${unionId}/vouchers/${res.body.voucher.id}`)).status).toBe(404);
    expect((await post(res.body.id)).body.code).toBe('RECEIPT_STATUS');

    const kept = await record({ kind: 'other', amount: '30.00' }).expect(201);
    await post(kept.body.id).expect(200);
    const late = await cashier().post(`/api/unions/${unionId}/receipts/${kept.body.id}/cancel`).send({ reason: 'x' });
    expect([late.status, late.body.code]).toEqual([409, 'RECEIPT_STATUS']);
    const list = await t.http().get(`/api/unions/${unionId}/receipts?status=cancelled`).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it('keeps the bank slip with the receipt and counts it on the voucher', async () => {
    const res = await record({ kind: 'admin_subsidy', amount: '100.00' }).expect(201);
    const file = pdf();
    const added = await cashier().post(`/api/unions/${unionId}/receipts/${res.body.id}/attachments`).attach('file', file, '回单.pdf').expect(201);
    const bad = await cashier().post(`/api/unions/${unionId}/receipts/${res.body.id}/attachments`).attach('file', Buffer.from('not a pdf'), 'x.pdf');
    expect([bad.status, bad.body.code]).toEqual([400, 'FILE_UNREADABLE']);
    await post(res.body.id).expect(200);
    const voucher = (await t.http().get(`/api/unions/${unionId}/vouchers/${res.body.voucher.id}`).expect(200)).body;
    expect(voucher.attachmentCount).toBe(1);
    const got = await t.http().get(`/api/unions/${unionId}/receipts/${res.body.id}/attachments/${added.body.id}`).buffer(true).expect(200);
    expect(Buffer.compare(got.body as Buffer, file)).toBe(0);
    expect((await t.http().get(`/api/unions/${unionId}/receipts/${res.body.id}`).expect(200)).body.attachments).toHaveLength(1);
  });

  it('explains bad receipts in Chinese and records nothing', async () => {
    const bad: [Record<string, unknown>, number, string][] = [
      [{ kind: 'refund', amount: '1.00' }, 422, 'RECEIPT_INVALID'],
      [{ kind: 'refund', amount: '1.00', account: '402' }, 422, 'RECEIPT_INVALID'],
      [{ kind: 'dues', amount: '1.00', fundType: 'restricted', project: 'P1' }, 422, 'RECEIPT_INVALID'],
      [{ kind: 'subsidy', amount: '1.00', fundType: 'restricted' }, 422, 'RECEIPT_INVALID'],
      [{ kind: 'allocation', amount: '1.00', account: '408' }, 422, 'RECEIPT_INVALID'],
      [{ kind: 'other', amount: '1.00', dues: { period: '2026-03' } }, 422, 'RECEIPT_INVALID'],
      [{ kind: 'gift', amount: '1.00' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'other', amount: 1 }, 400, 'AMOUNT_INVALID'],
      [{ kind: 'other', amount: '0.00' }, 422, 'AMOUNT_SIGN_INVALID'],
      [{ kind: 'other', amount: '1.00', date: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'other', amount: '1.00', bankAccountId: '01900000-0000-7000-8000-000000000000' }, 422, 'BANK_SHARE_INVALID'],
    ];
    const before = (await t.sql.query(`SELECT count(*)::int AS n FROM receipts WHERE union_id = $1`, [unionId])).rows[0].n;
    for (const [body, status, code] of bad) {
      const res = await record(body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), status, code]);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM receipts WHERE union_id = $1`, [unionId])).rows[0].n).toBe(before);
  });

  it("follows the center's settings: returned funds to 40301, dues by its ratio and rounding", async () => {
    const center = await newCenter(t);
    const u = await newUnion(t, { centerId: center.id });
    const c = (await t.userWith([{ role: 'cashier', centerId: center.id }], 'cashier')).http;
    const settings = { duesRatio: '0.01', duesBaseUnit: '100.00', duesRoundTo: 'jiao', duesRounding: 'down', allocationAccount: '40301', matchWindowDays: 5 };
    expect((await c().put(`/api/centers/${center.id}/bank-settings`).send(settings)).status).toBe(403);
    await t.reviewer().put(`/api/centers/${center.id}/bank-settings`).send(settings).expect(200);
    expect((await c().get(`/api/centers/${center.id}/bank-settings`).expect(200)).body).toEqual(settings);
    const zero = await t.reviewer().put(`/api/centers/${center.id}/bank-settings`).send({ ...settings, duesRatio: '0.000' });
    expect(zero.status).toBe(400);

    const alloc = await c().post(`/api/unions/${u.id}/receipts`).set('Idempotency-Key', 'settings-alloc-1').send({ kind: 'allocation', amount: '50.00', date: '2026-03-01', payer: 'x' }).expect(201);
    expect(alloc.body.creditAccount).toBe('40301');

    // a GBK CSV with a title row above the header, a blank row, and the wage part under 100 ignored
    const csv = iconv.encode('2026年3月会费名册\n会员编号,姓名,月工资\nM1,张三,"6,789.99"\n\nM2,李四,4321\n', 'gbk');
    const roll = await c().post(`/api/unions/${u.id}/dues-rolls`).field('period', '2026-03').attach('file', csv, 'roll.csv').expect(201);
    expect(roll.body).toMatchObject({ period: '2026-03', members: 2, total: '110.00', received: '0.00', difference: '110.00' });
    expect(roll.body.lines.map((l: { name: string; base: string; dues: string }) => [l.name, l.base, l.dues])).toEqual([
      ['张三', '6700.00', '67.00'],
      ['李四', '4300.00', '43.00'],
    ]);
    const wrong = await c().post(`/api/unions/${u.id}/receipts`).set('Idempotency-Key', 'dues-roll-0001').send({ kind: 'dues', amount: '100.00', date: '2026-03-20', payer: '会员', dues: { period: '2026-03', rollId: roll.body.id } });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'RECEIPT_INVALID']);
    const right = await c().post(`/api/unions/${u.id}/receipts`).set('Idempotency-Key', 'dues-roll-0002').send({ kind: 'dues', amount: '110.00', date: '2026-03-20', payer: '会员', dues: { period: '2026-03', rollId: roll.body.id } }).expect(201);
    expect(right.body.dues).toEqual({ period: '2026-03', members: 2, rollId: roll.body.id });
    const rolls = (await c().get(`/api/unions/${u.id}/dues-rolls?period=2026-03`).expect(200)).body;
    // the roll's 已收 is the month's dues receipts (the refused one never counted), from the server
    const paid = ['110.00', '110.00', '0.00'];
    expect(rolls.map((x: { id: string; total: string; received: string; difference: string }) => [x.id, x.total, x.received, x.difference])).toEqual([[roll.body.id, ...paid]]);
    const detail = (await c().get(`/api/unions/${u.id}/dues-rolls/${roll.body.id}`).expect(200)).body;
    expect([detail.lines.length, detail.received, detail.difference]).toEqual([2, '110.00', '0.00']);
    await c().post(`/api/unions/${u.id}/receipts/${right.body.id}/cancel`).send({ reason: '重复登记' }).expect(200);
    expect((await c().get(`/api/unions/${u.id}/dues-rolls/${roll.body.id}`).expect(200)).body).toMatchObject({ received: '0.00', difference: '110.00' });
    const summary = (await c().get(`/api/centers/${center.id}/dues?period=2026-03`).expect(200)).body;
    expect(summary).toEqual([expect.objectContaining({ unionId: u.id, members: 2, due: '110.00', received: '0.00', difference: '110.00' })]);
  });

  it('refuses a dues roll with bad rows, naming every row, and keeps nothing of it', async () => {
    const csv = '\ufeff姓名,工资基数,会员编号\n张三,5000,A1\n,4000,A2\n王五,-1,A3\n赵六,abc,A1\n钱七,3000,A4\n';
    const res = await cashier().post(`/api/unions/${unionId}/dues-rolls`).field('period', '2026-04').attach('file', Buffer.from(csv), 'roll.csv');
    expect([res.status, res.body.code, res.body.details.problemCount]).toEqual([422, 'DUES_ROLL_INVALID', 4]);
    expect(res.body.details.rows.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [3, '姓名'],
      [4, '工资基数'],
      [5, '工资基数'],
      [5, '会员编号'],
    ]);
    expect(res.body.message).toContain('第 3 行（姓名）：缺少姓名');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM dues_rolls WHERE union_id = $1 AND period = 202604`, [unionId]);
    expect(rows[0].n).toBe(0);
    const noHeader = await cashier().post(`/api/unions/${unionId}/dues-rolls`).field('period', '2026-04').attach('file', Buffer.from('a,b\n1,2\n'), 'roll.csv');
    expect([noHeader.status, noHeader.body.code]).toEqual([422, 'DUES_ROLL_INVALID']);
  });

  it("refuses receipts into a withdrawn union's books", async () => {
    const u = await newUnion(t, { centerId });
    await t.reviewer().post(`/api/unions/${u.id}/withdraw`).send({ reason: '撤销' }).expect(200);
    const res = await record({ kind: 'other', amount: '1.00' }, 'withdrawn-receipt-1', u.id);
    expect([res.status, res.body.code]).toEqual([409, 'UNION_WITHDRAWN']);
  });
});

import { newUnion, postVoucher, reverseVoucher } from '../support/builders';
import { binary, pdfContent, pdfFonts, pdfText } from '../support/pdf-text';
import { Http, startTestApp, TestApp } from '../support/test-app';

/** Issue 14: 记账凭证 as fixed-layout PDF — what a reader extracts from the file is what the books say. */
describe('vouchers as PDF', () => {
  let t: TestApp;
  let unionId: string;
  let centerId: string;
  let auditor: Http;
  const ids: Record<string, string> = {};

  const pdf = async (http: Http, url: string) => {
    const res = await http().get(url).buffer(true).parse(binary);
    return res as unknown as { status: number; body: Buffer; headers: Record<string, string> };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const u = await newUnion(t);
    unionId = u.id;
    centerId = u.centerId;
    await t.http().put(`/api/centers/${centerId}/ledger-settings`).send({ onePersonReversal: false, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00', chiefAccountant: '周会计主管' }).expect(200);
    ids.first = (await postVoucher(t, unionId, '2026-01-05', [
      { account: '10201', debit: '12345.67', summary: '拨入工会经费' },
      { account: '402', credit: '12345.67', summary: '拨入工会经费' },
    ])).id;
    // eight lines: two sheets, 1/2 and 2/2
    const many = Array.from({ length: 7 }, (_, i) => ({ account: '50101', debit: `${i + 1}00.10`, summary: `会员活动第${i + 1}场` }));
    const total = many.reduce((s, l) => s + Number(l.debit) * 100, 0) / 100;
    ids.long = (await postVoucher(t, unionId, '2026-01-20', [...many, { account: '10201', credit: total.toFixed(2), summary: '支付活动费用' }])).id;
    ids.red = (await reverseVoucher(t, unionId, ids.long, '2026-01-25')).id;
    await postVoucher(t, unionId, '2026-02-03', [{ account: '50102', debit: '9.99' }, { account: '10201', credit: '9.99' }]);
    ids.draft = (await postVoucher(t, unionId, '2026-01-26', [{ account: '50102', debit: '1.00' }, { account: '10201', credit: '1.00' }], { post: false })).id;
    auditor = (await t.userWith([{ role: 'auditor', unionId }], 'auditor')).http;
  });
  afterAll(() => t?.close());

  it('prints a voucher with its number, every figure, the 大写 total and the people, in an embedded CJK font', async () => {
    const res = await pdf(auditor, `/api/unions/${unionId}/vouchers/${ids.first}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(res.body);
    expect(pages).toBe(1);
    for (const s of ['记账凭证', '记-202601-0001', '2026 年 01 月 05 日', '拨入工会经费', '10201 银行存款—集中核算户', '402 拨缴经费收入', '12,345.67', '壹万贰仟叁佰肆拾伍元陆角柒分', '附单据 0 张']) {
      expect(text).toContain(s);
    }
    // the signature row, filled with who did it
    for (const s of ['会计主管：周会计主管', '记账：reviewer', '审核：reviewer', '制单：bookkeeper']) expect(text).toContain(s);
    // the CJK font is embedded (a subset), never only named
    const fonts = pdfFonts(res.body);
    expect(fonts.embedded).toBe(1);
    expect(fonts.baseFonts.every((f) => /\/[A-Z]{6}\+NotoSansSC/.test(f))).toBe(true);
  });

  it('runs a long voucher over two sheets numbered 1/2 and 2/2, the total on the last', async () => {
    const res = await pdf(auditor, `/api/unions/${unionId}/vouchers/${ids.long}.pdf?layout=paper`);
    expect(res.status).toBe(200);
    const { text, pages } = await pdfText(res.body);
    expect(pages).toBe(2);
    expect(text).toContain('记-202601-0002  (1/2)');
    expect(text).toContain('记-202601-0002  (2/2)');
    for (let i = 1; i <= 7; i++) expect(text).toContain(`${i}00.10`);
    expect(text).toContain('2,800.70');
    expect(text).toContain('贰仟捌佰元柒角整');
    expect(text).toContain('本凭证续下页');
    expect(text.indexOf('(2/2)')).toBeGreaterThan(text.indexOf('本凭证续下页'));
  });

  it('prints a red-ink voucher as such', async () => {
    const res = await pdf(auditor, `/api/unions/${unionId}/vouchers/${ids.red}.pdf`);
    expect(res.status).toBe(200);
    const { text } = await pdfText(res.body);
    expect(text).toContain('记账凭证（红字）');
    expect(text).toContain('-100.10');
    expect(text).toContain('-2,800.70');
    expect(text).toContain('负贰仟捌佰元柒角整');
    // red ink: the amounts are drawn in #d00000 (pdfkit writes it as 0.815686 0 0 for the fill colour)
    expect(pdfContent(res.body)).toMatch(/0\.815686\d* 0 0 scn/);
    const plain = await pdf(auditor, `/api/unions/${unionId}/vouchers/${ids.first}.pdf`);
    expect(pdfContent(plain.body)).not.toMatch(/0\.815686\d* 0 0 scn/);
  });

  it("binds a month's vouchers in number order behind a cover", async () => {
    const res = await pdf(auditor, `/api/unions/${unionId}/vouchers.pdf?period=2026-01`);
    expect(res.status).toBe(200);
    const { text, pages } = await pdfText(res.body);
    // cover page, then 5 sheets two a page
    expect(pages).toBe(4);
    for (const s of ['会计凭证封面', '2026 年 01 月', '记-202601-0001 至 记-202601-0003', '共 3 张', '附件张数']) expect(text).toContain(s);
    const at = ['记-202601-0001', '记-202601-0002  (1/2)', '记-202601-0002  (2/2)', '记-202601-0003  (1/2)', '记-202601-0003  (2/2)'].map((n) => text.indexOf(`凭证号：${n}`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toContain('202602');
  });

  it('refuses bad input with coded 4xx answers and keeps to the same permissions as the books', async () => {
    expect((await auditor().get(`/api/unions/${unionId}/vouchers.pdf?period=2026-13`)).status).toBe(400);
    expect((await auditor().get(`/api/unions/${unionId}/vouchers.pdf?period=2026-01&layout=a3`)).body.code).toBe('VALIDATION_FAILED');
    const empty = await auditor().get(`/api/unions/${unionId}/vouchers.pdf?period=2026-05`);
    expect([empty.status, empty.body.code]).toEqual([404, 'PRINT_NOTHING']);
    expect(empty.body.message).toContain('没有已过账的凭证');
    const draft = await auditor().get(`/api/unions/${unionId}/vouchers/${ids.draft}.pdf`);
    expect([draft.status, draft.body.code]).toEqual([409, 'PRINT_NOT_POSTED']);
    expect((await auditor().get(`/api/unions/${unionId}/vouchers/01890000-0000-7000-8000-000000000000.pdf`)).status).toBe(404);
    const other = await newUnion(t);
    expect((await auditor().get(`/api/unions/${other.id}/vouchers.pdf?period=2026-01`)).status).toBe(404);
    expect((await auditor().get(`/api/unions/${other.id}/vouchers/${ids.first}.pdf`)).status).toBe(404);
    expect((await t.anon().get(`/api/unions/${unionId}/vouchers/${ids.first}.pdf`)).status).toBe(401);
  });
});

import { newCenter, newUnion, postVoucher } from '../support/builders';
import { csvText } from '../support/banking';
import { binary, pdfContent, pdfText } from '../support/pdf-text';
import { attach, ClaimPeople, claimBody, claimUnion, invoiceNo, pdf as fakePdf, submittedClaim } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

const HEADER = ['交易日期', '借方发生额', '贷方发生额', '余额', '对方户名', '交易流水号', '摘要'];
/** "1234.5" / "-1234.50" → "1,234.50": amounts as the forms print them (no sign: the group says 加 or 减). */
const shown = (a: string) => {
  const [i, f] = Math.abs(Number(a)).toFixed(2).split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
};
type Res = { status: number; body: Buffer; headers: Record<string, string> };

/** Issue 14: the printed forms — 银行存款余额调节表 per pooled account, 支出审批单 per claim — checked against the API. */
describe('printed forms', () => {
  let t: TestApp;
  const pdf = async (http: Http, url: string) => (await http().get(url).buffer(true).parse(binary)) as unknown as Res;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describe('银行存款余额调节表', () => {
    let centerId: string;
    let accountId: string;
    let cashier: Http;
    let A: string;
    let B: string;
    const base = () => `/api/centers/${centerId}/bank-accounts/${accountId}`;

    beforeAll(async () => {
      centerId = (await newCenter(t)).id;
      accountId = (await t.reviewer().get(`/api/centers/${centerId}/bank-accounts`).expect(200)).body[0].id;
      cashier = (await t.userWith([{ role: 'cashier', centerId }], 'cashier')).http;
      A = (await newUnion(t, { centerId })).id;
      B = (await newUnion(t, { centerId })).id;
      const inc = (u: string, date: string, amount: string, summary: string) => postVoucher(t, u, date, [{ account: '10201', debit: amount, summary }, { account: '408', credit: amount, summary }]);
      const pay = (u: string, date: string, amount: string, summary: string) => postVoucher(t, u, date, [{ account: '50101', debit: amount, summary }, { account: '10201', credit: amount, summary }]);
      await inc(A, '2026-04-03', '1000.00', '拨入经费'); // matched with the bank's line of the day
      await inc(B, '2026-04-20', '1250.00', '会费收入在途'); // 单位已收、银行未收
      await pay(A, '2026-04-25', '80.00', '购买文体用品'); // 单位已付、银行未付
      await pay(B, '2026-04-28', '12.34', '邮寄费'); // 单位已付、银行未付
      const rows = [
        ['2026-04-03', '', '1,000.00', '1000.00', '某某市总工会', 'B-001', '经费返还'],
        ['2026-04-10', '', '33.33', '1033.33', '', 'B-002', '结息'], // 银行已收、单位未收
        ['2026-04-29', '5.50', '', '1027.83', '', 'B-003', '手续费'], // 银行已付、单位未付
      ];
      await cashier().post(`${base()}/statements`).attach('file', Buffer.from(csvText(HEADER, rows)), 'april.csv').expect(201);
    });

    it('prints the table, every reconciling item and the adjusted balances as the JSON has them, to the cent', async () => {
      const json = (await cashier().get(`${base()}/reconciliation?period=2026-04`).expect(200)).body;
      expect(json.agrees).toBe(true);
      const res = await pdf(cashier, `${base()}/reconciliation.pdf?period=2026-04`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      const { text, pages } = await pdfText(res.body);
      expect(pages).toBe(1);
      for (const s of ['银行存款余额调节表', `编制单位：中心 `, '截至 2026-04-30', '金额单位：元', '调节后余额相符', '第 1 页 共 1 页']) expect(text).toContain(s);
      // each row of the table, left (the books adjusted) and right (the bank adjusted)
      expect(text).toContain(`单位账面余额${shown(json.bookBalance)}银行对账单余额${shown(json.statementBalance)}`);
      expect(text).toContain(`加：银行已收、单位未收${shown(json.bankInNotBook.total)}加：单位已收、银行未收${shown(json.bookInNotBank.total)}`);
      expect(text).toContain(`减：银行已付、单位未付${shown(json.bankOutNotBook.total)}减：单位已付、银行未付${shown(json.bookOutNotBank.total)}`);
      expect(text).toContain(`调节后的存款余额${shown(json.adjustedBook)}调节后的存款余额${shown(json.adjustedStatement)}`);
      const groups: [string, { total: string; lines: { amount: string; date: string }[] }][] = [
        ['银行已收、单位未收', json.bankInNotBook],
        ['银行已付、单位未付', json.bankOutNotBook],
        ['单位已收、银行未收', json.bookInNotBank],
        ['单位已付、银行未付', json.bookOutNotBank],
      ];
      for (const [label, g] of groups) {
        expect(g.lines.length).toBeGreaterThan(0);
        expect(text).toContain(`${label}（`);
        expect(text).toContain(`${g.lines.length} 笔，合计 ${shown(g.total)}`);
        for (const l of g.lines) expect(text).toContain(l.date);
      }
      // each item with its voucher number or the bank's reference and its amount
      for (const l of [...json.bookInNotBank.lines, ...json.bookOutNotBank.lines]) expect(text).toMatch(new RegExp(`${l.voucherNo}.*${shown(l.amount).replace('.', '\\.')}`));
      for (const l of [...json.bankInNotBook.lines, ...json.bankOutNotBook.lines]) expect(text).toMatch(new RegExp(`${l.reference}.*${shown(l.amount).replace('.', '\\.')}`));
      // the matched pair of 04-03 is no item
      expect(text).not.toContain('B-001');
      expect(text).toContain('编制：cashier');
      expect(pdfContent(res.body)).not.toMatch(/0\.815686\d* 0 0 scn/);
    });

    it('shows a difference that remains in red', async () => {
      const director = (await t.userWith([{ role: 'director', centerId }], 'director')).http;
      const second = await director().post(`/api/centers/${centerId}/bank-accounts`)
        .send({ bankName: '中国建设银行', accountNo: '3300112233', accountName: '某市总工会零余额户', openedOn: '2026-04-01', openingBalance: '0.00' }).expect(201);
      // the bank's first line starts from 100.00 the books never had
      await cashier().post(`/api/centers/${centerId}/bank-accounts/${second.body.id}/statements`)
        .attach('file', Buffer.from(csvText(HEADER, [['2026-04-08', '', '50.00', '150.00', '', 'C-1', '']])), 'ccb.csv').expect(201);
      const url = `/api/centers/${centerId}/bank-accounts/${second.body.id}/reconciliation`;
      const json = (await cashier().get(`${url}?date=2026-04-30`).expect(200)).body;
      expect([json.agrees, json.difference]).toEqual([false, '-100.00']);
      const res = await pdf(cashier, `${url}.pdf?date=2026-04-30`);
      const { text } = await pdfText(res.body);
      expect(text).toContain('调节后余额不符，差额 -100.00 元');
      for (const s of ['中国建设银行', '3300112233', `调节后的存款余额${shown(json.adjustedBook)}`]) expect(text).toContain(s);
      expect(pdfContent(res.body)).toMatch(/0\.815686\d* 0 0 scn/);
    });

    it("refuses another center's account, a bad month and a union's clerk", async () => {
      const other = await newCenter(t);
      const foreign = (await t.userWith([{ role: 'cashier', centerId: other.id }], 'cashier-2')).http;
      const res = await foreign().get(`/api/centers/${other.id}/bank-accounts/${accountId}/reconciliation.pdf?period=2026-04`);
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await foreign().get(`${base()}/reconciliation.pdf`)).status).toBe(404);
      const bad = await cashier().get(`${base()}/reconciliation.pdf?period=2026-13`);
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const clerk = (await t.userWith([{ role: 'clerk', unionId: A }], 'clerk')).http;
      // a union's clerk does not cover the center: its routes do not exist for them
      expect((await clerk().get(`${base()}/reconciliation.pdf`)).status).toBe(404);
    });
  });

  describe('支出审批单', () => {
    let p: ClaimPeople;
    const url = (id: string) => `/api/unions/${p.unionId}/claims/${id}`;
    const printed = async (id: string) => {
      const res = await pdf(p.clerk, `${url(id)}.pdf`);
      expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
      return { ...(await pdfText(res.body)), content: pdfContent(res.body) };
    };

    beforeAll(async () => {
      p = await claimUnion(t, { funds: '100000.00' });
    });

    it('prints a paid and posted per-person claim: lines, 大写, beneficiaries, documents, every step with its role, the voucher', async () => {
      const body = claimBody('300.00', {
        kind: 'holiday_gift', occasion: 'mid_autumn', expenseAccount: '50105', purpose: '中秋慰问品',
        beneficiaries: [{ member: 'M01', name: '张三' }, { member: 'M02', name: '李四' }],
        lines: [{ description: '月饼礼盒', quantity: '2', unitPrice: '150.00', amount: '300.00' }],
      });
      const claim = await submittedClaim(t, p, body, ['invoice', 'distribution_list']);
      await p.chair().post(`${url(claim.id)}/approve`).send({ comment: '同意发放' }).expect(200);
      await p.accountant().post(`${url(claim.id)}/review`).send({ comment: '单据齐全' }).expect(200);
      await t.reviewer().post(`${url(claim.id)}/check`).send({}).expect(200);
      await p.cashier().post(`${url(claim.id)}/pay`).set('Idempotency-Key', `pay-${claim.id}`).send({ bankReference: 'PAY-7788' }).expect(200);
      await p.accountant().post(`${url(claim.id)}/post`).send({}).expect(200);
      const json = (await p.clerk().get(url(claim.id)).expect(200)).body;
      expect(json.status).toBe('posted');

      const { text, pages, content } = await printed(claim.id);
      expect(pages).toBe(1);
      for (const s of [
        '工会经费支出审批单', `单号：${json.number}`, '状态：已付款已记账', '经办人clerk', '支出类别节日慰问品', '事由中秋慰问品',
        '列支科目50105', '收款人某某书店', '开户银行工商银行', '账号6222000011112222',
        '月饼礼盒', '150.00', `合计（大写）：${json.amountInWords}300.00`,
        '受益会员（2 人）', 'M01张三150.00', 'M02李四150.00', '附单据 2 张：发票',
        '中心审核时适用规则集', `付款凭证：${json.voucher.number}`, '银行流水号 PAY-7788', '中心审核：bookkeeper',
        '第 1 页 共 1 页',
      ]) expect(text).toContain(s);
      expect(json.voucher.number).toMatch(/^记-2026\d{2}-\d{4}$/);
      // every step: what, who, in which role, with its comment
      for (const h of json.history) expect(text).toContain(`${h.actionLabel}${h.actor}`);
      for (const s of ['审批同意chair工会主席（审批）', '同意发放', '审核通过并制单bookkeeper中心会计（审核）', '单据齐全', '复核付款凭证reviewer凭证复核', '付款cashier出纳']) expect(text).toContain(s);
      expect(content).not.toMatch(/0\.815686\d* 0 0 scn/);
    });

    it('prints an approved claim above the threshold with its committee decision and each rule result', async () => {
      const claim = await submittedClaim(t, p, claimBody('6000.00'));
      await p.chair().post(`${url(claim.id)}/approve`).send({ committee: { date: '2026-03-01', minutesRef: '纪要〔2026〕3号' } }).expect(200);
      const json = (await p.clerk().get(url(claim.id)).expect(200)).body;
      const { text } = await printed(claim.id);
      for (const s of ['状态：待中心审核', '集体研究决定：2026-03-01 纪要〔2026〕3号', '6,000.00', json.amountInWords, '中心审核：尚未审核', '付款凭证：无', `适用规则集：${json.compliance.ruleSet.name}`]) expect(text).toContain(s);
      expect(json.compliance.results.length).toBeGreaterThan(0);
      for (const r of json.compliance.results) expect(text).toContain(`${r.title}${r.passed ? '通过' : '未通过'}`);
    });

    it('prints a rejected claim with the reason in red', async () => {
      const claim = await submittedClaim(t, p, claimBody('120.00', { purpose: '购买茶叶' }));
      await p.chair().post(`${url(claim.id)}/reject`).send({ comment: '不属于工会经费开支范围' }).expect(200);
      const { text, content } = await printed(claim.id);
      for (const s of ['状态：已驳回', '购买茶叶', '驳回chair工会主席（审批）', '不属于工会经费开支范围', '提交时适用规则集']) expect(text).toContain(s);
      expect(content).toMatch(/0\.815686\d* 0 0 scn/);
    });

    it('prints a draft, and refuses another union\'s claim and a malformed id', async () => {
      const draft = (await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(claimBody('50.00')).expect(201)).body;
      await attach(p.clerk, p.unionId, draft.id, fakePdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
      const { text } = await printed(draft.id);
      for (const s of ['状态：草稿', '附单据 1 张：发票', '适用规则集：', '中心审核：尚未审核']) expect(text).toContain(s);
      const other = await claimUnion(t, { funds: '10.00' });
      const foreign = await other.clerk().get(`/api/unions/${other.unionId}/claims/${draft.id}.pdf`);
      expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
      const bad = await p.clerk().get(`/api/unions/${p.unionId}/claims/nope.pdf`);
      expect([bad.status, bad.body.code]).toEqual([404, 'NOT_FOUND']);
    });
  });
});

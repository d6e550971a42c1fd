import { startTestApp, TestApp } from '../support/test-app';
import { attach, claimBody, ClaimPeople, claimUnion, invoiceNo, pdf, submittedClaim } from '../support/claims';

const members = (...ids: string[]) => ids.map((m) => ({ member: m, name: `会员${m}` }));
const gift = (amount: string, people: { member: string; name: string }[], over: Record<string, unknown> = {}) =>
  claimBody(amount, { kind: 'holiday_gift', occasion: 'mid_autumn', expenseAccount: '50105', purpose: '中秋慰问品', beneficiaries: people, ...over });

/** Compliance rules per center (effective dates, presets, citations), documents, and duplicate invoices. */
describe('claims: compliance rules and documents', () => {
  let t: TestApp;
  let p: ClaimPeople;
  beforeAll(async () => {
    t = await startTestApp();
    p = await claimUnion(t, { funds: '100000.00' });
    await t.http().post(`/api/centers/${p.centerId}/claim-rules`).send({ name: '安徽标准', effectiveFrom: '2026-01-01', preset: 'anhui-2018' }).expect(201);
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>) => {
    const res = await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(body);
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const submit = (id: string) => p.clerk().post(`/api/unions/${p.unionId}/claims/${id}/submit`).send({});
  const failedRules = (body: { details?: { compliance?: { results: { rule: string; passed: boolean }[] } } }) =>
    (body.details?.compliance?.results ?? []).filter((r) => !r.passed).map((r) => r.rule);

  it('refuses a prohibited kind, citing the rule and the rule set', async () => {
    const c = await create(claimBody('500.00', { kind: 'shopping_card', purpose: '购物卡' }));
    await attach(p.clerk, p.unionId, c.id, pdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
    const res = await submit(c.id);
    expect([res.status, res.body.code]).toEqual([422, 'CLAIM_RULES_FAILED']);
    expect(failedRules(res.body)).toEqual(['prohibited.shopping_card']);
    expect(res.body.details.compliance.ruleSet).toMatchObject({ name: '安徽标准', effectiveFrom: '2026-01-01' });
  });

  it('requires the documents of the kind: an invoice and a signed distribution list for gifts', async () => {
    const c = await create(gift('200.00', members('D1', 'D2')));
    await attach(p.clerk, p.unionId, c.id, pdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
    const res = await submit(c.id);
    expect(failedRules(res.body)).toEqual(['documents.holiday_gift']);
    await attach(p.clerk, p.unionId, c.id, pdf(), { kind: 'distribution_list' }).expect(201);
    expect((await submit(c.id)).status).toBe(200);
  });

  it('counts the holiday-gift cap across the member-year: up to the cap passes, a cent over fails', async () => {
    const docs = async (id: string) => {
      await attach(p.clerk, p.unionId, id, pdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
      await attach(p.clerk, p.unionId, id, pdf(), { kind: 'distribution_list' }).expect(201);
    };
    // 1,200.00 each to Y1 and Y2 at mid-autumn
    const first = await create(gift('2400.00', members('Y1', 'Y2'), { eventDate: '2026-09-20' }));
    await docs(first.id);
    expect((await submit(first.id)).status).toBe(200);
    // Y1 at spring festival of another year does not count
    const other = await create(gift('1500.00', members('Y1'), { eventDate: '2027-01-25', occasion: 'spring' }));
    await docs(other.id);
    expect((await submit(other.id)).status).toBe(200);
    // 300.01 more to Y1 in 2026 is one cent over 1,500.00
    const over = await create(gift('300.01', members('Y1'), { eventDate: '2026-10-01', occasion: 'national_day' }));
    await docs(over.id);
    const refused = await submit(over.id);
    expect([refused.status, failedRules(refused.body)]).toEqual([422, ['cap.0.holiday_gift']]);
    expect(refused.body.message).toContain('1,500.00');
    // exactly 300.00 is at the cap
    await p.clerk().patch(`/api/unions/${p.unionId}/claims/${over.id}`).send({ lines: [{ description: '慰问品', quantity: '1', unitPrice: '300.00', amount: '300.00' }] }).expect(200);
    expect((await submit(over.id)).status).toBe(200);
    // once the first claim is rejected its amounts no longer count
    const again = await create(gift('1200.00', members('Y2'), { eventDate: '2026-12-30', occasion: 'new_year' }));
    await docs(again.id);
    expect(failedRules((await submit(again.id)).body)).toEqual(['cap.0.holiday_gift']);
    await p.chair().post(`/api/unions/${p.unionId}/claims/${first.id}/reject`).send({ comment: '超标' }).expect(200);
    expect((await submit(again.id)).status).toBe(200);
  });

  it('applies a per-event cap to each beneficiary of the claim', async () => {
    const c = await create(claimBody('1200.00', { kind: 'wedding', expenseAccount: '50105', beneficiaries: members('W1', 'W2') }));
    await attach(p.clerk, p.unionId, c.id, pdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
    await attach(p.clerk, p.unionId, c.id, pdf(), { kind: 'distribution_list' }).expect(201);
    expect((await submit(c.id)).status).toBe(200); // 600.00 each: at the cap
    const over = await create(claimBody('600.01', { kind: 'wedding', expenseAccount: '50105', beneficiaries: members('W3') }));
    await attach(p.clerk, p.unionId, over.id, pdf(), { kind: 'invoice', invoiceNumber: invoiceNo() }).expect(201);
    await attach(p.clerk, p.unionId, over.id, pdf(), { kind: 'distribution_list' }).expect(201);
    expect(failedRules((await submit(over.id)).body)).toEqual(['cap.2.wedding']);
  });

  it('chooses the rule set by the event date, and the default before any set took effect', async () => {
    const c = await create(gift('4000.00', members('E1'), { eventDate: '2025-12-20' }));
    expect(c.compliance.ruleSet).toMatchObject({ id: null, name: '默认规则（全国通用）' });
    expect(c.compliance.results.some((r: { rule: string }) => r.rule.startsWith('cap.'))).toBe(false);
    const d = await create(gift('4000.00', members('E1'), { eventDate: '2026-02-01' }));
    expect(d.compliance.ruleSet.name).toBe('安徽标准');
    expect(d.compliance.results.find((r: { rule: string }) => r.rule === 'cap.0.holiday_gift')).toMatchObject({ passed: false });
    const dup = await t.http().post(`/api/centers/${p.centerId}/claim-rules`).send({ name: 'x', effectiveFrom: '2026-01-01', preset: 'sichuan' });
    expect([dup.status, dup.body.code]).toEqual([409, 'RULE_SET_EXISTS']);
    const bad = await t.http().post(`/api/centers/${p.centerId}/claim-rules`).send({ name: 'x', effectiveFrom: '2026-06-01', rules: { prohibitedKinds: [], caps: [{ kind: 'birthday', basis: 'member-year', amount: '1e3' }], requiredDocuments: [] } });
    expect([bad.status, bad.body.code]).toEqual([422, 'RULE_SET_INVALID']);
    const presets = (await p.clerk().get('/api/claim-rule-presets').expect(200)).body;
    expect(presets.presets.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['anhui-2018', 'sichuan', 'chongqing-2015']));
  });

  it('refuses a duplicate invoice with the first claim number, by number or by file, and frees it when that claim ends', async () => {
    const first = await create(claimBody('100.00'));
    const second = await create(claimBody('100.00'));
    const number = invoiceNo();
    const file = pdf();
    await attach(p.clerk, p.unionId, first.id, file, { kind: 'invoice', invoiceCode: '3300231130', invoiceNumber: number }).expect(201);
    const sameNumber = await attach(p.clerk, p.unionId, second.id, pdf(), { kind: 'invoice', invoiceCode: '3300231130', invoiceNumber: number });
    expect([sameNumber.status, sameNumber.body.code, sameNumber.body.details.claimNumber]).toEqual([409, 'DUPLICATE_INVOICE', first.number]);
    expect(sameNumber.body.message).toContain(first.number);
    const sameFile = await attach(p.clerk, p.unionId, second.id, file, { kind: 'receipt' });
    expect([sameFile.status, sameFile.body.code]).toEqual([409, 'DUPLICATE_INVOICE']);
    // another union presenting the same invoice is refused too, without learning the first union's claim number
    const q = await claimUnion(t, { centerId: p.centerId });
    const elsewhere = await q.clerk().post(`/api/unions/${q.unionId}/claims`).send(claimBody('100.00')).expect(201);
    const foreign = await attach(q.clerk, q.unionId, elsewhere.body.id, pdf(), { kind: 'invoice', invoiceCode: '3300231130', invoiceNumber: number });
    expect([foreign.status, foreign.body.code, foreign.body.message]).toEqual([409, 'DUPLICATE_INVOICE', '该发票已在别处报销，不能重复报销']);
    expect(JSON.stringify(foreign.body)).not.toContain(first.number);
    expect(JSON.stringify(foreign.body)).not.toContain(p.unionId);
    // a chair of both unions may read the first claim: to them it is named
    const both = await t.userWith([{ role: 'chair', unionId: p.unionId }, { role: 'chair', unionId: q.unionId }], 'chair-of-both');
    const named = await attach(both.http, q.unionId, elsewhere.body.id, file, { kind: 'receipt' });
    expect([named.status, named.body.code, named.body.details.claimNumber]).toEqual([409, 'DUPLICATE_INVOICE', first.number]);
    await p.clerk().post(`/api/unions/${p.unionId}/claims/${first.id}/cancel`).send({ comment: '作废重开' }).expect(200);
    await attach(p.clerk, p.unionId, second.id, file, { kind: 'invoice', invoiceCode: '3300231130', invoiceNumber: number }).expect(201);
  });

  it('checks documents by content and size, and keeps them as uploaded', async () => {
    const c = await create(claimBody('100.00'));
    const text = await attach(p.clerk, p.unionId, c.id, Buffer.from('not really a pdf'), { kind: 'receipt' }, 'fake.pdf');
    expect([text.status, text.body.code]).toEqual([415, 'ATTACHMENT_TYPE_NOT_ALLOWED']);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await attach(p.clerk, p.unionId, c.id, big, { kind: 'receipt' });
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    const noNumber = await attach(p.clerk, p.unionId, c.id, pdf(), { kind: 'invoice' });
    expect([noNumber.status, noNumber.body.code]).toEqual([400, 'ATTACHMENT_INVALID']);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('pixels')]);
    const ok = await attach(p.clerk, p.unionId, c.id, png, { kind: 'receipt' }, '收据.png').expect(201);
    expect(ok.body).toMatchObject({ mediaType: 'image/png', size: png.length, fileName: '收据.png' });
    const back = await t.http().get(`/api/unions/${p.unionId}/claims/${c.id}/attachments/${ok.body.id}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect([back.status, back.headers['content-type'], Buffer.compare(back.body, png)]).toEqual([200, 'image/png', 0]);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM claim_attachments WHERE union_id = $1 AND claim_id = $2`, [p.unionId, c.id]);
    expect(rows[0].n).toBe(1);
    // a submitted claim's documents are fixed
    const s = await submittedClaim(t, p);
    const late = await attach(p.clerk, p.unionId, s.id, pdf(), { kind: 'receipt' });
    expect([late.status, late.body.code]).toEqual([409, 'CLAIM_STATUS']);
  });
});

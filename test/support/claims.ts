import { randomBytes } from 'node:crypto';
import { fund, newUnion } from './builders';
import { Http, TestApp } from './test-app';

/** The people of one union's claims: its clerk and two chairs, and the center's accountant and cashier. */
export interface ClaimPeople {
  unionId: string;
  centerId: string;
  clerk: Http;
  chair: Http;
  viceChair: Http;
  accountant: Http;
  cashier: Http;
  ids: { clerk: string; chair: string; viceChair: string; cashier: string };
}

/** A funded union with its people. The test bookkeeper (accountant of every test center) reviews. */
export async function claimUnion(t: TestApp, opts: { funds?: string; centerId?: string; noDocumentRules?: boolean } = {}): Promise<ClaimPeople> {
  const u = await newUnion(t, opts.centerId ? { centerId: opts.centerId } : {});
  if (opts.funds) await fund(t, u.id, opts.funds);
  const clerk = await t.userWith([{ role: 'clerk', unionId: u.id }], 'clerk');
  const chair = await t.userWith([{ role: 'chair', unionId: u.id }], 'chair');
  const viceChair = await t.userWith([{ role: 'chair', unionId: u.id }], 'vice-chair');
  const cashier = await t.userWith([{ role: 'cashier', centerId: u.centerId }], 'cashier');
  if (opts.noDocumentRules) {
    await t
      .http()
      .post(`/api/centers/${u.centerId}/claim-rules`)
      .send({ name: '测试：不要求单据', effectiveFrom: '2000-01-01', rules: { prohibitedKinds: ['shopping_card'], caps: [], requiredDocuments: [] } })
      .expect(201);
  }
  return {
    unionId: u.id,
    centerId: u.centerId,
    clerk: clerk.http,
    chair: chair.http,
    viceChair: viceChair.http,
    accountant: t.http,
    cashier: cashier.http,
    ids: { clerk: clerk.id, chair: chair.id, viceChair: viceChair.id, cashier: cashier.id },
  };
}

export function claimBody(amount = '800.00', over: Record<string, unknown> = {}) {
  return {
    kind: 'general',
    purpose: '职工书屋购书',
    eventDate: '2026-03-10',
    expenseAccount: '50304',
    payee: { kind: 'bank', name: '某某书店', bank: '工商银行', account: '6222000011112222' },
    lines: [{ description: '图书', quantity: '1', unitPrice: amount, amount }],
    ...over,
  };
}

/** A small, unique, real PDF (by its magic bytes). */
export function pdf(tag = randomBytes(6).toString('hex')): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${tag}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export function attach(
  http: Http,
  unionId: string,
  claimId: string,
  file: Buffer,
  fields: { kind: string; invoiceCode?: string; invoiceNumber?: string },
  fileName = 'invoice.pdf',
) {
  let req = http().post(`/api/unions/${unionId}/claims/${claimId}/attachments`).field('kind', fields.kind);
  if (fields.invoiceCode) req = req.field('invoiceCode', fields.invoiceCode);
  if (fields.invoiceNumber) req = req.field('invoiceNumber', fields.invoiceNumber);
  return req.attach('file', file, fileName);
}

export const invoiceNo = () => String(10_000_000 + Math.floor(Math.random() * 89_999_999)) + randomBytes(2).readUInt16BE(0);

/** Creates, documents and submits a claim as the clerk; fails the test on any refusal. */
export async function submittedClaim(t: TestApp, p: ClaimPeople, body: Record<string, unknown> = claimBody(), docs: string[] = ['invoice']) {
  const created = await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(body);
  if (created.status !== 201) throw new Error(`claim not created: ${created.status} ${JSON.stringify(created.body)}`);
  for (const kind of docs) {
    const res = await attach(p.clerk, p.unionId, created.body.id, pdf(), { kind, ...(kind === 'invoice' ? { invoiceNumber: invoiceNo() } : {}) });
    if (res.status !== 201) throw new Error(`attachment refused: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const submitted = await p.clerk().post(`/api/unions/${p.unionId}/claims/${created.body.id}/submit`).send({});
  if (submitted.status !== 200) throw new Error(`claim not submitted: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return submitted.body;
}

/** Approved by the chair and reviewed by the accountant, who prepared its payment voucher: ready for 复核. */
export async function reviewedClaim(t: TestApp, p: ClaimPeople, body?: Record<string, unknown>) {
  const claim = await submittedClaim(t, p, body);
  await p.chair().post(`/api/unions/${p.unionId}/claims/${claim.id}/approve`).send({ comment: '同意' }).expect(200);
  const reviewed = await p.accountant().post(`/api/unions/${p.unionId}/claims/${claim.id}/review`).send({});
  if (reviewed.status !== 200) throw new Error(`claim not reviewed: ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
  return reviewed.body;
}

/** Reviewed, and its payment voucher reviewed (复核) by the test reviewer (a director): ready for the cashier. */
export async function checkedClaim(t: TestApp, p: ClaimPeople, body?: Record<string, unknown>) {
  const claim = await reviewedClaim(t, p, body);
  const checked = await t.reviewer().post(`/api/unions/${p.unionId}/claims/${claim.id}/check`).send({});
  if (checked.status !== 200) throw new Error(`claim not checked: ${checked.status} ${JSON.stringify(checked.body)}`);
  return checked.body;
}

/** Checked and paid by the cashier: ready to be posted. */
export async function paidClaim(t: TestApp, p: ClaimPeople, body?: Record<string, unknown>, pay: Record<string, unknown> = { bankReference: 'B-0001' }) {
  const claim = await checkedClaim(t, p, body);
  return payAs(p, claim.id, pay);
}

/** The cashier pays a checked claim (a key of its own); fails the test on a refusal. */
export async function payAs(p: ClaimPeople, claimId: string, pay: Record<string, unknown> = { bankReference: 'B-0001' }) {
  const paid = await p.cashier().post(`/api/unions/${p.unionId}/claims/${claimId}/pay`).set('Idempotency-Key', `pay-${claimId}`).send(pay);
  if (paid.status !== 200) throw new Error(`claim not paid: ${paid.status} ${JSON.stringify(paid.body)}`);
  return paid.body;
}

/** Paid and posted (记账) by the accountant: the claim is done, its voucher in the books. */
export async function postedClaim(t: TestApp, p: ClaimPeople, body?: Record<string, unknown>, pay?: Record<string, unknown>) {
  const claim = await paidClaim(t, p, body, pay);
  const posted = await p.accountant().post(`/api/unions/${p.unionId}/claims/${claim.id}/post`).send({});
  if (posted.status !== 200) throw new Error(`claim not posted: ${posted.status} ${JSON.stringify(posted.body)}`);
  return posted.body;
}

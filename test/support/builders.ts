import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app';

export interface LineSpec {
  account: string;
  debit?: string;
  credit?: string;
  summary?: string;
  project?: string;
  fundType?: 'restricted' | 'unrestricted';
}

const uniq = () => randomBytes(4).toString('hex').toUpperCase();

/** A center made by the administrator, staffed with the test bookkeeper and reviewer. */
export async function newCenter(t: TestApp, code = `C${uniq()}`): Promise<{ id: string; code: string }> {
  const res = await t.admin().post('/api/centers').send({ code, name: `中心 ${code}` });
  if (res.status !== 201) throw new Error(`center not created: ${res.status} ${JSON.stringify(res.body)}`);
  await t.staffCenter(res.body.id);
  return res.body;
}

export async function newUnion(
  t: TestApp,
  opts: { centerId?: string; firstPeriod?: string; voucherNumbering?: 'general' | 'typed'; chartTemplate?: 'grassroots' | 'county' } = {},
): Promise<{ id: string; centerId: string; code: string }> {
  const centerId = opts.centerId ?? (await newCenter(t)).id;
  const code = `91330100${uniq()}`;
  const res = await t
    .http()
    .post('/api/unions')
    .send({
      centerId,
      code,
      name: `工会 ${code}`,
      chartTemplate: opts.chartTemplate ?? 'grassroots',
      firstPeriod: opts.firstPeriod ?? '2026-01',
      ...(opts.voucherNumbering ? { voucherNumbering: opts.voucherNumbering } : {}),
    });
  if (res.status !== 201) throw new Error(`union not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function lines(...specs: LineSpec[]) {
  return specs.map((s, i) => ({ summary: s.summary ?? `摘要 ${i + 1}`, ...s }));
}

/**
 * Saves a voucher as the bookkeeper and (by default) has the reviewer post it, as 制单 and 审核 are two
 * people; fails the test on any non-2xx.
 */
export async function postVoucher(
  t: TestApp,
  unionId: string,
  date: string,
  specs: LineSpec[],
  opts: { post?: boolean; red?: boolean; type?: string } = {},
) {
  const res = await t
    .http()
    .post(`/api/unions/${unionId}/vouchers`)
    .send({ date, lines: lines(...specs), ...(opts.red ? { red: true } : {}), ...(opts.type ? { type: opts.type } : {}) });
  if (res.status !== 201) throw new Error(`voucher not saved: ${res.status} ${JSON.stringify(res.body)}`);
  if (opts.post === false) return res.body;
  const posted = await t.reviewer().post(`/api/unions/${unionId}/vouchers/${res.body.id}/post`);
  if (posted.status !== 200) throw new Error(`voucher not posted: ${posted.status} ${JSON.stringify(posted.body)}`);
  return posted.body;
}

/**
 * 红字冲销 in two steps, as 审核 ≠ 制单 asks: the bookkeeper prepares the reversal draft, the reviewer posts
 * it; fails the test on any refusal. Returns the posted red voucher.
 */
export async function reverseVoucher(t: TestApp, unionId: string, voucherId: string, date?: string) {
  const draft = await t.http().post(`/api/unions/${unionId}/vouchers/${voucherId}/reverse`).send(date ? { date } : {});
  if (draft.status !== 201) throw new Error(`reversal not prepared: ${draft.status} ${JSON.stringify(draft.body)}`);
  const posted = await t.reviewer().post(`/api/unions/${unionId}/vouchers/${draft.body.id}/post`);
  if (posted.status !== 200) throw new Error(`reversal not posted: ${posted.status} ${JSON.stringify(posted.body)}`);
  return posted.body;
}

/** Saves a draft as the bookkeeper; the response, whatever its status. */
export function saveDraft(t: TestApp, unionId: string, body: Record<string, unknown>) {
  return t.http().post(`/api/unions/${unionId}/vouchers`).send(body);
}

/**
 * Money into the union's share of the pooled account (Dr 10201, Cr 402 会费收入), so that it can spend:
 * available funds never go below zero.
 */
export function fund(t: TestApp, unionId: string, amount: string, date = '2026-01-02') {
  return postVoucher(t, unionId, date, [
    { account: '10201', debit: amount, summary: '拨入经费' },
    { account: '402', credit: amount, summary: '拨入经费' },
  ]);
}

import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';

type Http = () => TestAgent;

export interface LineSpec {
  account: string;
  debit?: string;
  credit?: string;
  summary?: string;
  project?: string;
  fundType?: 'restricted' | 'unrestricted';
}

const uniq = () => randomBytes(4).toString('hex').toUpperCase();

export async function newCenter(http: Http, code = `C${uniq()}`): Promise<{ id: string; code: string }> {
  const res = await http().post('/api/centers').send({ code, name: `中心 ${code}` }).expect(201);
  return res.body;
}

export async function newUnion(
  http: Http,
  opts: { centerId?: string; firstPeriod?: string; voucherNumbering?: 'general' | 'typed'; chartTemplate?: 'grassroots' | 'county' } = {},
): Promise<{ id: string; centerId: string; code: string }> {
  const centerId = opts.centerId ?? (await newCenter(http)).id;
  const code = `91330100${uniq()}`;
  const res = await http()
    .post('/api/unions')
    .send({
      centerId,
      code,
      name: `工会 ${code}`,
      chartTemplate: opts.chartTemplate ?? 'grassroots',
      firstPeriod: opts.firstPeriod ?? '2026-01',
      ...(opts.voucherNumbering ? { voucherNumbering: opts.voucherNumbering } : {}),
    })
    .expect(201);
  return res.body;
}

export function lines(...specs: LineSpec[]) {
  return specs.map((s, i) => ({ summary: s.summary ?? `摘要 ${i + 1}`, ...s }));
}

/** Saves (and by default posts) a voucher; fails the test on any non-2xx. */
export async function postVoucher(
  http: Http,
  unionId: string,
  date: string,
  specs: LineSpec[],
  opts: { post?: boolean; red?: boolean; type?: string; actor?: string } = {},
) {
  const res = await http()
    .post(`/api/unions/${unionId}/vouchers`)
    .set('x-actor', opts.actor ?? 'tester')
    .send({ date, lines: lines(...specs), post: opts.post ?? true, ...(opts.red ? { red: true } : {}), ...(opts.type ? { type: opts.type } : {}) });
  if (res.status !== 201) throw new Error(`voucher not saved: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

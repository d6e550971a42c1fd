import { BENCH_ADMIN } from './bench-server';

export type Call = (method: 'POST' | 'GET', path: string, body?: unknown, token?: string) => Promise<Record<string, unknown>>;

export interface BenchStaff {
  centerId: string;
  /** 会计: prepares vouchers, creates unions. */
  accountant: string;
  /** 中心主任: reviews and posts what the accountant prepared (审核 ≠ 制单). */
  director: string;
}

/** Logs in as the bench administrator and staffs a new center with an accountant and a director. */
export async function benchStaff(call: Call, code: string): Promise<BenchStaff> {
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', { username, password })).accessToken as string;
  const admin = await login(BENCH_ADMIN.username, BENCH_ADMIN.password);
  const center = await call('POST', '/api/centers', { code, name: `bench ${code}` }, admin);
  const user = async (role: string) => {
    const username = `${code.toLowerCase()}-${role}`;
    const password = `pw-${role}-0123456789`;
    const created = await call('POST', '/api/users', { username, displayName: role, password }, admin);
    await call('POST', `/api/users/${created.id}/grants`, { role, centerId: center.id }, admin);
    return login(username, password);
  };
  return { centerId: center.id as string, accountant: await user('accountant'), director: await user('director') };
}

/** A new union of the staff's center, funded on 10201 so that the benches' vouchers never run out. */
export async function fundedUnion(call: Call, staff: BenchStaff, code: string): Promise<string> {
  const u = await call('POST', '/api/unions', { centerId: staff.centerId, code, name: `工会 ${code}`, chartTemplate: 'grassroots', firstPeriod: '2026-01' }, staff.director);
  await call('POST', `/api/unions/${u.id}/opening-balances`, { lines: [{ account: '10201', debit: '900000000.00' }, { account: '32205', credit: '900000000.00' }] }, staff.accountant);
  return u.id as string;
}
